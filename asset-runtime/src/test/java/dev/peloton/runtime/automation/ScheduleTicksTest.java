package dev.peloton.runtime.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.Scheduler;

/** What a schedule tick does: partitions, skips, idempotency, missed ticks, declaration errors. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ScheduleTicksTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final TestDatabase db;
    private Scheduler scheduler;
    private RunStorage runs;

    ScheduleTicksTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws Exception {
        db.truncate("ticks", "instigator_state", "run_keys", "runs");
        scheduler = AutomationFixtures.idleScheduler();
        runs = new RunStorage(db.dataSource());
    }

    @AfterEach
    void tearDown() throws Exception {
        scheduler.shutdown();
    }

    private AutomationEngine engine(AutomationFixtures.MovableClock clock, ScheduleDefinition... schedules) {
        AutomationEngine engine = new AutomationEngine(db.dataSource(),
                () -> AutomationFixtures.coordinator(db.dataSource()), SelectionPartitions.from(AutomationFixtures.GRAPH),
                clock);
        engine.start(scheduler, List.of(schedules), List.of());
        return engine;
    }

    private static Instant paris(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    private static ScheduleDefinition nightlyStage() {
        return ScheduleDefinition.builder("nightly_stage").cron("0 0 22 * * ?").zone("Europe/Paris")
                .selection("race/stage").build();
    }

    @Test
    void aTickAt22InParisRunsThatRaceDay() {
        AutomationEngine engine = engine(new AutomationFixtures.MovableClock(paris("2023-07-04T12:00")),
                nightlyStage());

        TickRecord tick = engine.scheduleTick("nightly_stage", paris("2023-07-04T22:00")).orElseThrow();

        assertThat(tick.status()).isEqualTo(TickStatus.SUCCESS);
        assertThat(tick.runIds()).hasSize(1);
        var run = runs.get(tick.runIds().getFirst());
        long index = TourAssets.RACE_DAYS.indexOf("2023-07-04");
        assertThat(run.partitions().contains(index)).isTrue();
        assertThat(run.partitions().count()).isEqualTo(1);
        assertThat(run.tags()).containsEntry("peloton/schedule", "nightly_stage")
                .containsEntry("peloton/run_key", "schedule:nightly_stage:2023-07-04T20:00:00Z");
    }

    @Test
    void aTickOnARestDayIsSkippedWithTheReason() {
        AutomationEngine engine = engine(new AutomationFixtures.MovableClock(paris("2023-07-10T12:00")),
                nightlyStage());

        TickRecord tick = engine.scheduleTick("nightly_stage", paris("2023-07-10T22:00")).orElseThrow();

        assertThat(tick.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(tick.runIds()).isEmpty();
        assertThat(tick.skipReason()).contains("2023-07-10T22:00").contains("Europe/Paris").contains("excluded");
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM runs", Integer.class)).isZero();
    }

    @Test
    void theDefaultAtMidnightRunsTheDayThatEndedAndUnpartitionedSelectionsRunEverything() {
        var days = Optional.<dev.peloton.core.PartitionsDefinition>of(TourAssets.RACE_DAYS);
        assertThat(new ScheduleTick("s", paris("2023-07-05T00:00"), PARIS, days).defaultDecision())
                .isEqualTo(TickDecision.runKey("2023-07-04"));
        assertThat(new ScheduleTick("s", paris("2023-07-04T00:00:01"), PARIS, days).defaultDecision())
                .isEqualTo(TickDecision.runKey("2023-07-04"));
        assertThat(new ScheduleTick("s", paris("2023-06-20T22:00"), PARIS, days).defaultDecision())
                .isInstanceOf(TickDecision.Skip.class);
        assertThat(new ScheduleTick("s", paris("2023-07-04T22:00"), PARIS, Optional.empty()).defaultDecision())
                .isEqualTo(TickDecision.runAll());
    }

    @Test
    void theSameTickFiredTwiceQueuesOneRun() {
        AutomationEngine engine = engine(new AutomationFixtures.MovableClock(paris("2023-07-04T12:00")),
                nightlyStage());
        Instant at = paris("2023-07-04T22:00");

        assertThat(engine.scheduleTick("nightly_stage", at)).isPresent();
        assertThat(engine.scheduleTick("nightly_stage", at)).isEmpty();

        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM runs", Integer.class)).isEqualTo(1);
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM ticks", Integer.class)).isEqualTo(1);
    }

    @Test
    void aCustomPartitionFunctionAndItsErrorsAreRecorded() {
        ScheduleDefinition custom = ScheduleDefinition.builder("custom").cron("0 0 * * * ?").selection("race/stage")
                .partitions(tick -> {
                    if (tick.localTime().getHour() == 3) {
                        throw new IllegalStateException("no data at 3 o'clock");
                    }
                    return TickDecision.run(PartitionSelection.range("2023-07-01", "2023-07-03"));
                })
                .build();
        AutomationEngine engine = engine(new AutomationFixtures.MovableClock(Instant.parse("2023-07-05T00:00:00Z")),
                custom);

        TickRecord ok = engine.scheduleTick("custom", Instant.parse("2023-07-05T01:00:00Z")).orElseThrow();
        TickRecord failed = engine.scheduleTick("custom", Instant.parse("2023-07-05T03:00:00Z")).orElseThrow();

        assertThat(ok.status()).isEqualTo(TickStatus.SUCCESS);
        assertThat(runs.get(ok.runIds().getFirst()).partitions().count()).isEqualTo(3);
        assertThat(failed.status()).isEqualTo(TickStatus.FAILURE);
        assertThat(failed.error()).contains("no data at 3 o'clock");
        // The schedule goes on after a failed tick.
        assertThat(engine.scheduleTick("custom", Instant.parse("2023-07-05T04:00:00Z")).orElseThrow().status())
                .isEqualTo(TickStatus.SUCCESS);
    }

    private List<Instant> tickTimes(String schedule) {
        return db.jdbc().queryForList("SELECT tick_time FROM ticks WHERE name = ? ORDER BY tick_time",
                java.sql.Timestamp.class, schedule).stream().map(java.sql.Timestamp::toInstant).toList();
    }

    /** Starts once at 10:30, "stops", starts again at 15:30: the hourly ticks 11:00 to 15:00 were missed. */
    private List<Instant> missedTicksWith(MissedTickPolicy policy) {
        String name = "hourly_" + policy.name().toLowerCase(java.util.Locale.ROOT);
        ScheduleDefinition hourly = ScheduleDefinition.builder(name).cron("0 0 * * * ?").selection("race/summary")
                .missedTicks(policy).build();
        AutomationFixtures.MovableClock clock = new AutomationFixtures.MovableClock(
                Instant.parse("2023-07-04T10:30:00Z"));
        engine(clock, hourly);
        assertThat(tickTimes(name)).isEmpty();
        clock.set(Instant.parse("2023-07-04T15:30:00Z"));
        engine(clock, hourly);
        return tickTimes(name);
    }

    @Test
    void missedTicksAllRunsEachOfThem() {
        assertThat(missedTicksWith(MissedTickPolicy.ALL)).containsExactly(
                Instant.parse("2023-07-04T11:00:00Z"), Instant.parse("2023-07-04T12:00:00Z"),
                Instant.parse("2023-07-04T13:00:00Z"), Instant.parse("2023-07-04T14:00:00Z"),
                Instant.parse("2023-07-04T15:00:00Z"));
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM runs", Integer.class)).isEqualTo(5);
    }

    @Test
    void missedTicksLastRunsOnlyTheNewest() {
        assertThat(missedTicksWith(MissedTickPolicy.LAST)).containsExactly(Instant.parse("2023-07-04T15:00:00Z"));
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM runs", Integer.class)).isEqualTo(1);
    }

    @Test
    void missedTicksNoneRunsNothing() {
        assertThat(missedTicksWith(MissedTickPolicy.NONE)).isEmpty();
    }

    @Test
    void aScheduleThatWasOffMissesNothing() {
        ScheduleDefinition hourly = ScheduleDefinition.builder("hourly_off").cron("0 0 * * * ?")
                .selection("race/summary").missedTicks(MissedTickPolicy.ALL).build();
        AutomationFixtures.MovableClock clock = new AutomationFixtures.MovableClock(
                Instant.parse("2023-07-04T10:30:00Z"));
        AutomationEngine engine = engine(clock, hourly);
        engine.setOn(InstigatorKind.SCHEDULE, "hourly_off", false);
        clock.set(Instant.parse("2023-07-04T15:30:00Z"));
        engine = engine(clock, hourly);
        engine.setOn(InstigatorKind.SCHEDULE, "hourly_off", true);
        clock.set(Instant.parse("2023-07-04T16:30:00Z"));
        engine(clock, hourly);

        // Only 16:00 fell while it was on and no node ran.
        assertThat(tickTimes("hourly_off")).containsExactly(Instant.parse("2023-07-04T16:00:00Z"));
    }

    @Test
    void missedTicksAllKeepsOnlyTheNewestThousand() {
        ScheduleDefinition everySecond = ScheduleDefinition.builder("every_second").cron("* * * * * ?")
                .selection("race/summary").build();
        MissedTicks.Result missed = MissedTicks.between(everySecond, Instant.parse("2023-07-04T10:00:00Z"),
                Instant.parse("2023-07-04T10:00:00Z").plus(Duration.ofSeconds(1500)),
                AutomationEngine.MAX_CATCH_UP_TICKS);
        assertThat(missed.ticks()).hasSize(1000);
        assertThat(missed.dropped()).isEqualTo(500);
        assertThat(missed.ticks().getFirst()).isEqualTo(Instant.parse("2023-07-04T10:08:21Z"));
        assertThat(missed.ticks().getLast()).isEqualTo(Instant.parse("2023-07-04T10:25:00Z"));
    }

    @Test
    void missedTicksFollowTheZoneAcrossADaylightSavingChange() {
        ScheduleDefinition nightly = nightlyStage();
        MissedTicks.Result missed = MissedTicks.between(nightly, paris("2023-03-24T23:00"), paris("2023-03-27T23:00"),
                10);
        assertThat(missed.ticks()).extracting(t -> ZonedDateTime.ofInstant(t, PARIS).getHour())
                .containsExactly(22, 22, 22);
        assertThat(missed.ticks()).containsExactly(Instant.parse("2023-03-25T21:00:00Z"),
                Instant.parse("2023-03-26T20:00:00Z"), Instant.parse("2023-03-27T20:00:00Z"));
    }

    @Test
    void aBadCronExpressionOrTimeZoneNamesTheSchedule() {
        assertThatThrownBy(() -> ScheduleDefinition.builder("broken_cron").cron("0 0 25 * * ?")
                .selection("race/stage").build())
                .isInstanceOf(InvalidAutomationException.class)
                .hasMessageContaining("broken_cron").hasMessageContaining("0 0 25 * * ?");
        assertThatThrownBy(() -> ScheduleDefinition.builder("broken_zone").cron("0 0 22 * * ?")
                .zone("Europe/Pariss").selection("race/stage").build())
                .isInstanceOf(InvalidAutomationException.class)
                .hasMessageContaining("broken_zone").hasMessageContaining("Europe/Pariss");
        assertThatThrownBy(() -> ScheduleDefinition.builder("no_selection").cron("0 0 22 * * ?").build())
                .isInstanceOf(InvalidAutomationException.class).hasMessageContaining("no_selection");
        assertThatThrownBy(() -> ScheduleDefinition.builder("bad name!").cron("0 0 22 * * ?").selection("a").build())
                .isInstanceOf(InvalidAutomationException.class).hasMessageContaining("bad name!");
    }

    @Test
    void duplicateNamesAndUnknownNamesAreClearErrors() {
        AutomationFixtures.MovableClock clock = new AutomationFixtures.MovableClock(Instant.now());
        assertThatThrownBy(() -> engine(clock, nightlyStage(), nightlyStage()))
                .isInstanceOf(InvalidAutomationException.class)
                .hasMessageContaining("Two schedules are named 'nightly_stage'");
        AutomationEngine engine = engine(clock, nightlyStage());
        assertThatThrownBy(() -> engine.setOn(InstigatorKind.SCHEDULE, "nightly", false))
                .isInstanceOf(UnknownInstigatorException.class)
                .hasMessageContaining("No schedule named 'nightly'").hasMessageContaining("nightly_stage");
    }

    @Test
    void ticksArePagedNewestFirst() {
        AutomationEngine engine = engine(new AutomationFixtures.MovableClock(Instant.parse("2023-07-04T00:00:00Z")),
                nightlyStage());
        for (int day = 1; day <= 5; day++) {
            engine.scheduleTick("nightly_stage", paris("2023-07-0" + day + "T22:00"));
        }
        AutomationService service = new AutomationService(engine);

        TickPage first = service.ticks(InstigatorKind.SCHEDULE, "nightly_stage", null, 2);
        TickPage second = service.ticks(InstigatorKind.SCHEDULE, "nightly_stage", first.beforeId(), 2);
        TickPage third = service.ticks(InstigatorKind.SCHEDULE, "nightly_stage", second.beforeId(), 2);

        assertThat(first.ticks()).extracting(TickRecord::tickTime)
                .containsExactly(paris("2023-07-05T22:00"), paris("2023-07-04T22:00"));
        assertThat(second.ticks()).extracting(TickRecord::tickTime)
                .containsExactly(paris("2023-07-03T22:00"), paris("2023-07-02T22:00"));
        assertThat(third.ticks()).extracting(TickRecord::tickTime).containsExactly(paris("2023-07-01T22:00"));
        assertThat(third.beforeId()).isNull();
        assertThatThrownBy(() -> service.ticks(InstigatorKind.SCHEDULE, "nightly_stage", null, 0))
                .hasMessageContaining("1 to 1000");
    }
}
