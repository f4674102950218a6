package dev.peloton.tdf.automation;

import dev.peloton.runtime.automation.MissedTickPolicy;
import dev.peloton.runtime.automation.ScheduleDefinition;
import dev.peloton.runtime.automation.ScheduleTick;
import dev.peloton.runtime.automation.TickDecision;
import dev.peloton.tdf.assets.TdfPartitions;
import dev.peloton.tdf.generate.RaceCalendar;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Every evening at 22:00 in Paris, once the stage is over and its points are loaded, materialize that day's
 * race-day partitions. A rest day, or a day before or after the Tour, is a SKIPPED tick that says so.
 */
public final class NightlyRaceDaySchedule {

    public static final String NAME = "nightly_race_day";
    /** Quartz cron, seconds first: 22:00:00 every day. */
    public static final String CRON = "0 0 22 * * ?";
    public static final String ZONE = "Europe/Paris";

    private NightlyRaceDaySchedule() {
    }

    public static ScheduleDefinition definition(boolean defaultOn) {
        return ScheduleDefinition.builder(NAME)
                .cron(CRON)
                .zone(ZONE)
                .selection(TdfAutomation.RACE_DAY_ASSETS)
                .partitions(NightlyRaceDaySchedule::decide)
                // After a night the node was down, the newest missed evening still runs; older ones are for a backfill.
                .missedTicks(MissedTickPolicy.LAST)
                .tags(Map.of("tdf/automation", NAME))
                .defaultOn(defaultOn)
                .build();
    }

    /**
     * The default rule (the race day whose window holds the tick) read against the race days themselves, not
     * against whatever definition the selection happens to share, so an asset added downstream with other
     * partitions can never turn a nightly run into a run of every partition. A skip says why in race terms.
     */
    static TickDecision decide(ScheduleTick tick) {
        TickDecision decision = new ScheduleTick(tick.schedule(), tick.time(), tick.zone(),
                Optional.of(TdfPartitions.RACE_DAYS)).defaultDecision();
        if (decision instanceof TickDecision.Skip skip) {
            LocalDate day = tick.localTime().toLocalDate();
            RaceCalendar calendar = RaceCalendar.tdf2023();
            String why = calendar.restDays().contains(day)
                    ? day + " is a rest day of the Tour: no stage is raced"
                    : day + " is not a day of the Tour (" + calendar.raceDays().getFirst() + " to "
                    + calendar.raceDays().getLast() + ")";
            return TickDecision.skip(why + "; " + skip.reason());
        }
        return decision;
    }
}
