package dev.peloton.runtime.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** Schedules on the real clustered Quartz JDBC store, through Spring Boot, with two nodes on one database. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ClusteredSchedulesTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        TourAssets tourAssets() {
            return new TourAssets();
        }

        @Bean
        ScheduleDefinition everySecond() {
            return ScheduleDefinition.builder("every_second").cron("* * * * * ?").selection("race/summary").build();
        }

        /** Declared by annotation; off until turned on. */
        @Schedule(name = "nightly_stage", cron = "0 0 22 * * ?", zone = "Europe/Paris", selection = "race/stage",
                defaultOn = false)
        TickDecision nightlyStage(ScheduleTick tick) {
            return tick.defaultDecision();
        }
    }

    private final TestDatabase db;

    ClusteredSchedulesTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void clean() {
        db.truncate("ticks", "instigator_state", "run_keys", "runs", "qrtz_fired_triggers", "qrtz_simple_triggers",
                "qrtz_cron_triggers", "qrtz_triggers", "qrtz_job_details", "qrtz_scheduler_state", "qrtz_locks",
                "qrtz_paused_trigger_grps");
    }

    private ConfigurableApplicationContext start(String node) {
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("spring.datasource.url", db.jdbcUrl(),
                        "spring.main.banner-mode", "off",
                        "spring.quartz.properties.org.quartz.scheduler.instanceId", node,
                        "spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", "1000"))
                .run();
    }

    private int count(String sql) {
        return db.jdbc().queryForObject(sql, Integer.class);
    }

    @Test
    void twoNodesOnOneDatabaseQueueExactlyOneRunPerTick() {
        try (ConfigurableApplicationContext a = start("node-a"); ConfigurableApplicationContext b = start("node-b")) {
            // Both nodes are in the cluster.
            await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM qrtz_scheduler_state") == 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(
                    "SELECT count(*) FROM ticks WHERE name = 'every_second' AND status = 'SUCCESS'") >= 6);
        }
        int ticks = count("SELECT count(*) FROM ticks WHERE name = 'every_second'");
        int distinctTimes = count("SELECT count(DISTINCT tick_time) FROM ticks WHERE name = 'every_second'");
        int runs = count("SELECT count(*) FROM runs WHERE tags->>'peloton/schedule' = 'every_second'");
        int runsPerTick = count("""
                SELECT count(DISTINCT tags->>'peloton/tick') FROM runs WHERE tags->>'peloton/schedule' = 'every_second'""");
        assertThat(distinctTimes).isEqualTo(ticks);
        // Every run belongs to a different tick, and each SUCCESS tick names its one run.
        assertThat(runsPerTick).isEqualTo(runs);
        assertThat(count("SELECT count(*) FROM ticks WHERE name = 'every_second' AND status = 'SUCCESS'"))
                .isEqualTo(runs);
        assertThat(count("""
                SELECT count(*) FROM ticks t JOIN runs r ON t.run_ids->>0 = r.id::text
                WHERE t.name = 'every_second' AND jsonb_array_length(t.run_ids) = 1
                  AND r.tags->>'peloton/tick' = to_char(t.tick_time AT TIME ZONE 'UTC',
                      'YYYY-MM-DD"T"HH24:MI:SS"Z"')""")).isEqualTo(runs);
        assertThat(count("SELECT count(*) FROM run_keys WHERE kind = 'SCHEDULE' AND name = 'every_second'"))
                .isEqualTo(runs);
    }

    @Test
    void onOffIsPersistedAcrossARestartAndPausesTheTrigger() throws Exception {
        try (ConfigurableApplicationContext node = start("node-a")) {
            AutomationService service = node.getBean(AutomationService.class);
            assertThat(service.schedules()).extracting(InstigatorStatus::name, InstigatorStatus::on)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("every_second", true),
                            org.assertj.core.groups.Tuple.tuple("nightly_stage", false));
            InstigatorStatus nightly = service.schedules().get(1);
            assertThat(nightly.nextTickAt()).isNull();
            assertThat(nightly.zone()).hasToString("Europe/Paris");
            await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM ticks WHERE name = 'every_second'") >= 1);

            service.turnOff(InstigatorKind.SCHEDULE, "every_second");
            service.turnOn(InstigatorKind.SCHEDULE, "nightly_stage");
            assertThat(pausedState(node, "every_second")).isEqualTo(Trigger.TriggerState.PAUSED);
        }
        try (ConfigurableApplicationContext node = start("node-a")) {
            AutomationService service = node.getBean(AutomationService.class);
            List<InstigatorStatus> schedules = service.schedules();
            assertThat(schedules).extracting(InstigatorStatus::name, InstigatorStatus::on)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("every_second", false),
                            org.assertj.core.groups.Tuple.tuple("nightly_stage", true));
            assertThat(schedules.get(0).nextTickAt()).isNull();
            // The next 22:00 in Paris.
            assertThat(schedules.get(1).nextTickAt()).isNotNull();
            assertThat(schedules.get(1).nextTickAt().atZone(java.time.ZoneId.of("Europe/Paris")).getHour())
                    .isEqualTo(22);
            assertThat(pausedState(node, "every_second")).isEqualTo(Trigger.TriggerState.PAUSED);
            assertThat(pausedState(node, "nightly_stage")).isEqualTo(Trigger.TriggerState.NORMAL);

            int before = count("SELECT count(*) FROM ticks WHERE name = 'every_second'");
            service.turnOn(InstigatorKind.SCHEDULE, "every_second");
            await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM ticks WHERE name = 'every_second'") > before);
            assertThat(service.ticks(InstigatorKind.SCHEDULE, "every_second", null, 1).ticks()).singleElement()
                    .satisfies(t -> assertThat(t.status()).isIn(TickStatus.SUCCESS, TickStatus.STARTED));
        }
    }

    private static Trigger.TriggerState pausedState(ConfigurableApplicationContext node, String schedule)
            throws Exception {
        return node.getBean(Scheduler.class).getTriggerState(TriggerKey.triggerKey(schedule,
                QuartzTriggers.SCHEDULE_GROUP));
    }
}
