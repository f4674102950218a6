package dev.peloton.tdf.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlannedStep;
import dev.peloton.core.engine.selection.AssetSelection;
import dev.peloton.runtime.automation.AutomationEngine;
import dev.peloton.runtime.automation.AutomationService;
import dev.peloton.runtime.automation.InstigatorKind;
import dev.peloton.runtime.automation.InstigatorStatus;
import dev.peloton.runtime.automation.TickRecord;
import dev.peloton.runtime.automation.TickStatus;
import dev.peloton.runtime.run.PlanCodec;
import dev.peloton.runtime.storage.RunQuery;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.tdf.ExampleData;
import dev.peloton.tdf.assets.TdfPartitions;
import dev.peloton.tdf.generate.RacePointsLoader;
import dev.peloton.tdf.generate.Scale;
import dev.peloton.tdf.generate.TdfGenerator;
import dev.peloton.tdf.source.StageRouteFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example's schedule and sensors in the running application at the tiny scale, on the embedded PostgreSQL.
 * They start off and no worker runs, so the test drives each tick itself (at a tick time it picks) and reads the
 * queued runs; the last test turns a sensor on and lets Quartz fire it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "peloton.example.scale=tiny",
        "peloton.workers.enabled=false",
        "peloton.example.automation.default-on=false",
        "peloton.example.automation.route-sensor-interval-seconds=1"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TourDeFranceAutomationTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(Path.of("target"));
        dataDir = Files.createTempDirectory(Path.of("target"), "automation-data-").toAbsolutePath();
        registry.add("peloton.data-dir", () -> dataDir.toString());
    }

    @Autowired
    AutomationEngine engine;
    @Autowired
    AutomationService automation;
    @Autowired
    RunStorage runs;
    @Autowired
    AssetGraph graph;
    @Autowired
    StageRouteFolder routes;
    @Autowired
    ExampleData data;
    @Autowired
    TdfGenerator generator;

    /** Sensor tick times of our own, far from the wall clock Quartz fires at; static: one test instance per method. */
    static final AtomicLong tickClock = new AtomicLong(Instant.parse("2030-01-01T00:00:00Z").getEpochSecond());

    TickRecord sensorTick(String name) {
        return engine.sensorTick(name, Instant.ofEpochSecond(tickClock.addAndGet(60))).orElseThrow();
    }

    static Instant parisEvening(String day) {
        return LocalDateTime.parse(day + "T22:00").atZone(PARIS).toInstant();
    }

    /** The partition keys each asset of a queued run's plan computes. */
    Map<String, Set<String>> plannedKeys(RunRecord run) {
        Plan plan = new PlanCodec().read(run.planJson(), "run " + run.id());
        Map<String, Set<String>> out = new TreeMap<>();
        for (PlannedStep step : plan.steps()) {
            for (AssetKey asset : step.assets()) {
                out.computeIfAbsent(asset.toString(), k -> new TreeSet<>())
                        .addAll(graph.get(asset).partitions().keys(step.partitions()));
            }
        }
        return out;
    }

    RunRecord onlyRun(TickRecord tick) {
        assertThat(tick.status()).as("tick %s: %s %s", tick.tickTime(), tick.skipReason(), tick.error())
                .isEqualTo(TickStatus.SUCCESS);
        assertThat(tick.runIds()).hasSize(1);
        return runs.get(tick.runIds().getFirst());
    }

    List<RunRecord> runsOfSensor(String sensor) {
        return runs.list(RunQuery.all(RunQuery.MAX_LIMIT)).runs().stream()
                .filter(r -> sensor.equals(r.tags().get(AutomationEngine.SENSOR_TAG))).toList();
    }

    InstigatorStatus status(InstigatorKind kind, String name) {
        return automation.list().stream().filter(s -> s.kind() == kind && s.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    @Order(1)
    void theScheduleAndSensorsAreRegisteredAndStartOffInThisTest() {
        assertThat(automation.schedules()).extracting(InstigatorStatus::name).contains(NightlyRaceDaySchedule.NAME);
        assertThat(automation.sensors()).extracting(InstigatorStatus::name)
                .contains(StageRouteSensor.NAME, RacePointsSensor.NAME);
        InstigatorStatus schedule = status(InstigatorKind.SCHEDULE, NightlyRaceDaySchedule.NAME);
        assertThat(schedule.cron()).isEqualTo("0 0 22 * * ?");
        assertThat(schedule.zone()).isEqualTo(PARIS);
        assertThat(schedule.on()).isFalse();
    }

    @Test
    @Order(2)
    void theSelectionIsEveryAssetPartitionedByRaceDay() {
        Set<AssetKey> raceDayAssets = graph.definitions().stream()
                .filter(d -> d.partitions().equals(TdfPartitions.RACE_DAYS))
                .map(AssetDefinition::key).collect(Collectors.toSet());
        assertThat(raceDayAssets).isNotEmpty();
        assertThat(AssetSelection.parse(TdfAutomation.RACE_DAY_ASSETS).resolve(graph))
                .containsExactlyInAnyOrderElementsOf(raceDayAssets);
    }

    @Test
    @Order(3)
    void theEveningOfARaceDayQueuesOneRunOfThatDay() {
        Instant tickTime = parisEvening("2023-07-04");
        RunRecord run = onlyRun(engine.scheduleTick(NightlyRaceDaySchedule.NAME, tickTime).orElseThrow());

        assertThat(run.tags()).containsEntry(AutomationEngine.SCHEDULE_TAG, NightlyRaceDaySchedule.NAME)
                .containsEntry(AutomationEngine.TICK_TAG, tickTime.toString());
        Map<String, Set<String>> planned = plannedKeys(run);
        assertThat(planned.keySet()).containsExactlyInAnyOrderElementsOf(AssetSelection
                .parse(TdfAutomation.RACE_DAY_ASSETS).resolve(graph).stream().map(AssetKey::toString).toList());
        planned.forEach((asset, keys) -> assertThat(keys).as(asset).containsExactly("2023-07-04"));

        // The same tick again (a second node, a catch-up): no second run.
        assertThat(engine.scheduleTick(NightlyRaceDaySchedule.NAME, tickTime)).isEmpty();
    }

    @Test
    @Order(4)
    void aRestDayEveningIsSkippedWithTheReason() {
        TickRecord tick = engine.scheduleTick(NightlyRaceDaySchedule.NAME, parisEvening("2023-07-10")).orElseThrow();
        assertThat(tick.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(tick.runIds()).isEmpty();
        assertThat(tick.skipReason()).startsWith("2023-07-10 is a rest day of the Tour");

        TickRecord after = engine.scheduleTick(NightlyRaceDaySchedule.NAME, parisEvening("2023-07-25")).orElseThrow();
        assertThat(after.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(after.skipReason()).startsWith("2023-07-25 is not a day of the Tour");
    }

    @Test
    @Order(5)
    void aNewOrChangedStageFileRunsThatStageOnce() throws IOException {
        TickRecord settle = sensorTick(StageRouteSensor.NAME);
        assertThat(settle.status()).as(settle.error()).isNotEqualTo(TickStatus.FAILURE);
        int before = runsOfSensor(StageRouteSensor.NAME).size();

        // Stage 4 has no route at the tiny scale: it appears, written under another name then moved in place.
        String original = Files.readString(routes.fileOf(1));
        drop(4, original);
        RunRecord run = onlyRun(sensorTick(StageRouteSensor.NAME));
        assertThat(run.tags()).containsEntry("tdf/stage", "4")
                .containsEntry(AutomationEngine.SENSOR_TAG, StageRouteSensor.NAME);
        Map<String, Set<String>> planned = plannedKeys(run);
        assertThat(planned).containsEntry("landing/stage_routes", Set.of("4"))
                .containsEntry("staging/stage_routes", Set.of("4"))
                .containsEntry("marts/stage_results", Set.of("2023-07-04"));
        // The general classification adds the stages up: the day of stage 4 and every later one.
        assertThat(planned.get("marts/general_classification")).contains("2023-07-04", "2023-07-23")
                .doesNotContain("2023-07-03", "2023-07-10").hasSize(18);
        assertThat(planned).doesNotContainKeys("landing/race_points", "staging/race_points", "landing/riders");

        TickRecord nothing = sensorTick(StageRouteSensor.NAME);
        assertThat(nothing.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(nothing.runIds()).isEmpty();

        // Changed content: one more run. Back to content already run for that stage: none (same run key).
        drop(4, original + "\n");
        assertThat(onlyRun(sensorTick(StageRouteSensor.NAME)).tags()).containsEntry("tdf/stage", "4");
        drop(4, original);
        TickRecord seenBefore = sensorTick(StageRouteSensor.NAME);
        assertThat(seenBefore.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(seenBefore.skipReason()).contains("run keys already used");

        assertThat(runsOfSensor(StageRouteSensor.NAME)).hasSize(before + 2);
    }

    private void drop(int stage, String content) throws IOException {
        Path target = routes.fileOf(stage);
        Path partial = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(partial, content);
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    @Order(6)
    void anUnreadableStageFileIsAFailureTickThatKeepsTheCursor() throws IOException {
        TickRecord settle = sensorTick(StageRouteSensor.NAME);
        assertThat(settle.status()).isNotEqualTo(TickStatus.FAILURE);
        String cursor = status(InstigatorKind.SENSOR, StageRouteSensor.NAME).cursor();
        assertThat(cursor).isNotNull();

        Path loop = routes.fileOf(5);
        Files.createSymbolicLink(loop, loop);   // unreadable even for root: a symbolic link to itself
        try {
            TickRecord failed = sensorTick(StageRouteSensor.NAME);
            assertThat(failed.status()).isEqualTo(TickStatus.FAILURE);
            assertThat(failed.error()).contains(routes.dir().toString());
            assertThat(failed.runIds()).isEmpty();
            assertThat(status(InstigatorKind.SENSOR, StageRouteSensor.NAME).cursor()).isEqualTo(cursor);
        } finally {
            Files.delete(loop);
        }
        TickRecord recovered = sensorTick(StageRouteSensor.NAME);
        assertThat(recovered.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(recovered.skipReason()).startsWith("no stage file added or changed");
    }

    @Test
    @Order(7)
    void newRowsForARaceDayRunThatDayOnce() throws SQLException {
        TickRecord settle = sensorTick(RacePointsSensor.NAME);
        assertThat(settle.status()).as(settle.error()).isNotEqualTo(TickStatus.FAILURE);
        int before = runsOfSensor(RacePointsSensor.NAME).size();

        // Stage 6 loaded again by the generator's loader: same rows, a new load.
        new RacePointsLoader(data.dataSource()).loadRaceDay(LocalDate.parse("2023-07-06"),
                generator.racePoints(Scale.TINY, data.seed()).iterator(6), "reloaded-by-test");
        RunRecord reloaded = onlyRun(sensorTick(RacePointsSensor.NAME));
        assertThat(reloaded.tags()).containsEntry("tdf/race-day", "2023-07-06")
                .containsEntry(AutomationEngine.SENSOR_TAG, RacePointsSensor.NAME);
        plannedKeys(reloaded).forEach((asset, keys) -> assertThat(keys).as(asset).containsExactly("2023-07-06"));

        TickRecord nothing = sensorTick(RacePointsSensor.NAME);
        assertThat(nothing.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(nothing.skipReason()).startsWith("no race day has new or changed rows");

        // A late point inserted by hand on a day nobody loaded again.
        execute("INSERT INTO " + RacePointsLoader.TABLE + " (race_day, stage, bib, strava_id, time, lat, lon)"
                + " VALUES (DATE '2023-07-16', 15, 1, 1, TIMESTAMPTZ '2023-07-16 18:00:00+02', 45.9, 6.8)");
        RunRecord inserted = onlyRun(sensorTick(RacePointsSensor.NAME));
        assertThat(inserted.tags()).containsEntry("tdf/race-day", "2023-07-16");

        assertThat(runsOfSensor(RacePointsSensor.NAME)).hasSize(before + 2);
    }

    @Test
    @Order(8)
    void rowsOnARestDayAreNamedAndIgnored() throws SQLException {
        assertThat(sensorTick(RacePointsSensor.NAME).status()).isNotEqualTo(TickStatus.FAILURE);
        execute("CREATE TABLE IF NOT EXISTS " + RacePointsLoader.partitionOf(LocalDate.parse("2023-07-10"))
                + " PARTITION OF " + RacePointsLoader.TABLE + " FOR VALUES IN ('2023-07-10')");
        execute("INSERT INTO " + RacePointsLoader.TABLE + " (race_day, stage, bib, strava_id, time)"
                + " VALUES (DATE '2023-07-10', 9, 1, 1, TIMESTAMPTZ '2023-07-10 12:00:00+02')");
        TickRecord tick = sensorTick(RacePointsSensor.NAME);
        assertThat(tick.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(tick.runIds()).isEmpty();
        assertThat(tick.skipReason()).contains("[2023-07-10]").contains("not race days");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = data.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    @Order(100)
    void turnedOnTheStageSensorIsFiredByQuartz() throws IOException {
        drop(21, Files.readString(routes.fileOf(21)) + "\n");
        automation.turnOn(InstigatorKind.SENSOR, StageRouteSensor.NAME);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(runsOfSensor(StageRouteSensor.NAME))
                    .anySatisfy(r -> assertThat(r.tags()).containsEntry("tdf/stage", "21")));
        } finally {
            automation.turnOff(InstigatorKind.SENSOR, StageRouteSensor.NAME);
        }
        assertThat(runsOfSensor(StageRouteSensor.NAME)).filteredOn(r -> "21".equals(r.tags().get("tdf/stage")))
                .hasSize(1);
    }
}
