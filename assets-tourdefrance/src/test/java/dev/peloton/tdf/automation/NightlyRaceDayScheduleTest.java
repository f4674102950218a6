package dev.peloton.tdf.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.runtime.automation.ScheduleDefinition;
import dev.peloton.runtime.automation.ScheduleTick;
import dev.peloton.runtime.automation.TickDecision;
import dev.peloton.tdf.assets.TdfPartitions;
import dev.peloton.tdf.generate.RaceCalendar;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NightlyRaceDayScheduleTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static TickDecision decideAt(LocalDate day) {
        ScheduleTick tick = new ScheduleTick(NightlyRaceDaySchedule.NAME,
                day.atTime(LocalTime.of(22, 0)).atZone(PARIS).toInstant(), PARIS, Optional.empty());
        return NightlyRaceDaySchedule.decide(tick);
    }

    @Test
    void isEveryDayAt22InParisOverTheRaceDayAssets() {
        ScheduleDefinition def = NightlyRaceDaySchedule.definition(true);
        assertThat(def.cron()).isEqualTo("0 0 22 * * ?");
        assertThat(def.zone()).isEqualTo(PARIS);
        assertThat(def.selection()).isEqualTo(TdfAutomation.RACE_DAY_ASSETS);
        assertThat(def.defaultOn()).isTrue();
        assertThat(NightlyRaceDaySchedule.definition(false).defaultOn()).isFalse();
    }

    @Test
    void theEveningOfARaceDayRunsThatDay() {
        assertThat(decideAt(LocalDate.of(2023, 7, 4)))
                .isEqualTo(TickDecision.run(PartitionSelection.keys("2023-07-04")));
    }

    @Test
    void aRestDayIsSkippedAndSaysSo() {
        assertThat(decideAt(LocalDate.of(2023, 7, 10))).isInstanceOfSatisfying(TickDecision.Skip.class,
                skip -> assertThat(skip.reason()).startsWith("2023-07-10 is a rest day of the Tour"));
    }

    @Test
    void aDayOutsideTheTourIsSkippedAndSaysSo() {
        assertThat(decideAt(LocalDate.of(2023, 7, 24))).isInstanceOfSatisfying(TickDecision.Skip.class,
                skip -> assertThat(skip.reason())
                        .startsWith("2023-07-24 is not a day of the Tour (2023-07-01 to 2023-07-23)"));
    }

    /** Every evening of the summer against the calendar, whatever definition the selection shares. */
    @Test
    void everyEveningOfTheSummerRunsExactlyTheRaceDays() {
        RaceCalendar calendar = RaceCalendar.tdf2023();
        for (LocalDate day = LocalDate.of(2023, 6, 1); day.isBefore(LocalDate.of(2023, 9, 1));
                day = day.plusDays(1)) {
            TickDecision expected = calendar.isRaceDay(day) ? TickDecision.runKey(day.toString()) : null;
            TickDecision actual = decideAt(day);
            if (expected != null) {
                assertThat(actual).as("evening of %s", day).isEqualTo(expected);
            } else {
                assertThat(actual).as("evening of %s", day).isInstanceOf(TickDecision.Skip.class);
            }
            // The selection's shared definition is ignored: a mixed selection must not run every partition.
            ScheduleTick mixed = new ScheduleTick(NightlyRaceDaySchedule.NAME,
                    day.atTime(22, 0).atZone(PARIS).toInstant(), PARIS, Optional.of(TdfPartitions.STAGES));
            assertThat(NightlyRaceDaySchedule.decide(mixed)).as("evening of %s, stages shared", day)
                    .isEqualTo(actual);
        }
    }
}
