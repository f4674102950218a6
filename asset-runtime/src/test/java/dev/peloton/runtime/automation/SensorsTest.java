package dev.peloton.runtime.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.Scheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sensor evaluations: cursors, run keys, failures, the asset and run-status sensors, webhook alerts. */
@ExtendWith(EmbeddedPostgresExtension.class)
class SensorsTest {

    private static final Instant T0 = Instant.parse("2023-07-04T20:00:00Z");

    private final TestDatabase db;
    private Scheduler scheduler;
    private HttpServer server;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();

    SensorsTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws Exception {
        db.truncate("ticks", "instigator_state", "run_keys", "runs", "materializations", "asset_partition_state");
        scheduler = AutomationFixtures.idleScheduler();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(body);
            int status = failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        scheduler.shutdown();
        server.stop(0);
    }

    private AutomationEngine engine(SensorDefinition... sensors) {
        AutomationEngine engine = new AutomationEngine(db.dataSource(),
                () -> AutomationFixtures.coordinator(db.dataSource()),
                SelectionPartitions.from(AutomationFixtures.GRAPH), new AutomationFixtures.MovableClock(T0));
        engine.start(scheduler, List.of(), List.of(sensors));
        return engine;
    }

    private String storedCursor(String sensor) {
        return db.jdbc().queryForObject("SELECT cursor FROM instigator_state WHERE kind = 'SENSOR' AND name = ?",
                String.class, sensor);
    }

    private int runCount() {
        return db.jdbc().queryForObject("SELECT count(*) FROM runs", Integer.class);
    }

    @Test
    void theCursorAdvancesAndOnlyNewItemsStartRuns() {
        List<String> files = new CopyOnWriteArrayList<>(List.of("a.csv", "b.csv"));
        SensorDefinition newFiles = SensorDefinition.of("new_files", 30, context -> {
            int from = context.cursor() == null ? 0 : Integer.parseInt(context.cursor());
            SensorResult.Builder result = SensorResult.builder().cursor(Integer.toString(files.size()))
                    .skipReasonIfEmpty("no new file");
            for (String file : files.subList(from, files.size())) {
                result.run(file, RunRequest.of("race/summary"));
            }
            return result.build();
        });
        AutomationEngine engine = engine(newFiles);

        TickRecord first = engine.sensorTick("new_files", T0).orElseThrow();
        TickRecord second = engine.sensorTick("new_files", T0.plusSeconds(30)).orElseThrow();
        files.add("c.csv");
        TickRecord third = engine.sensorTick("new_files", T0.plusSeconds(60)).orElseThrow();

        assertThat(first.status()).isEqualTo(TickStatus.SUCCESS);
        assertThat(first.runIds()).hasSize(2);
        assertThat(first.cursor()).isEqualTo("2");
        assertThat(second.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(second.skipReason()).isEqualTo("no new file");
        assertThat(third.runIds()).hasSize(1);
        assertThat(storedCursor("new_files")).isEqualTo("3");
        assertThat(db.jdbc().queryForList("SELECT tags->>'peloton/run_key' FROM runs ORDER BY created_at",
                String.class)).containsExactly("sensor:new_files:a.csv", "sensor:new_files:b.csv",
                        "sensor:new_files:c.csv");
    }

    @Test
    void aRunKeyAskedForAgainStartsNoSecondRun() {
        SensorDefinition replaying = SensorDefinition.of("replaying", 5,
                context -> SensorResult.builder().run("stage-2023-07-04", RunRequest.of("race/summary")).build());
        AutomationEngine engine = engine(replaying);

        TickRecord first = engine.sensorTick("replaying", T0).orElseThrow();
        TickRecord again = engine.sensorTick("replaying", T0.plusSeconds(5)).orElseThrow();

        assertThat(first.status()).isEqualTo(TickStatus.SUCCESS);
        assertThat(again.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(again.skipReason()).contains("run keys already used");
        assertThat(runCount()).isEqualTo(1);
        // The same scheduled evaluation fired twice is done once.
        assertThat(engine.sensorTick("replaying", T0)).isEmpty();
    }

    @Test
    void anErrorIsAFailureTickTheCursorStaysAndTheSensorGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        SensorDefinition flaky = SensorDefinition.of("flaky", 5, context -> {
            if (calls.incrementAndGet() == 2) {
                throw new IOException("bucket listing timed out");
            }
            return SensorResult.skip("nothing new", "cursor-" + calls.get());
        });
        AutomationEngine engine = engine(flaky);

        TickRecord ok = engine.sensorTick("flaky", T0).orElseThrow();
        TickRecord failed = engine.sensorTick("flaky", T0.plusSeconds(5)).orElseThrow();
        assertThat(storedCursor("flaky")).isEqualTo("cursor-1");
        TickRecord recovered = engine.sensorTick("flaky", T0.plusSeconds(10)).orElseThrow();

        assertThat(ok.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(failed.status()).isEqualTo(TickStatus.FAILURE);
        assertThat(failed.error()).contains("IOException").contains("bucket listing timed out");
        assertThat(recovered.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(storedCursor("flaky")).isEqualTo("cursor-3");
        AutomationService service = new AutomationService(engine);
        assertThat(service.ticks(InstigatorKind.SENSOR, "flaky", null, 10).ticks())
                .extracting(TickRecord::status)
                .containsExactly(TickStatus.SKIPPED, TickStatus.FAILURE, TickStatus.SKIPPED);
    }

    private void materialize(String partition, Instant at) {
        new PostgresAssetStateStorage(db.dataSource()).recordMaterialization(new MaterializationRecord(
                AssetKey.parse("race/stage"), partition, "dv-" + partition, "code-1", Map.of(), null, at));
    }

    @Test
    void theAssetSensorFiresAfterAMaterialization() {
        SensorDefinition stageDone = AssetSensors.onMaterialization("stage_done", 30, AssetKey.parse("race/stage"),
                "race/stage_report");
        AutomationEngine engine = engine(stageDone);
        materialize("2023-07-03", T0.minusSeconds(86_400));
        materialize("2023-07-04", T0);

        // The first evaluation reacts to the latest materialization, not to the whole history.
        TickRecord first = engine.sensorTick("stage_done", T0.plusSeconds(30)).orElseThrow();
        TickRecord nothingNew = engine.sensorTick("stage_done", T0.plusSeconds(60)).orElseThrow();
        materialize("2023-07-05", T0.plusSeconds(70));
        materialize("2023-07-06", T0.plusSeconds(80));
        TickRecord two = engine.sensorTick("stage_done", T0.plusSeconds(90)).orElseThrow();

        RunStorage runs = new RunStorage(db.dataSource());
        assertThat(first.status()).isEqualTo(TickStatus.SUCCESS);
        assertThat(first.runIds()).singleElement().satisfies(id -> {
            var run = runs.get(id);
            assertThat(run.selection()).containsExactly(AssetKey.parse("race/stage_report"));
            assertThat(run.partitions().count()).isEqualTo(1);
            assertThat(run.partitions().first()).isEqualTo(TourAssets.RACE_DAYS.indexOf("2023-07-04"));
        });
        assertThat(nothingNew.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(nothingNew.skipReason()).contains("no new materialization of race/stage");
        assertThat(two.runIds()).hasSize(2);
        long lastId = db.jdbc().queryForObject("SELECT max(id) FROM materializations", Long.class);
        assertThat(storedCursor("stage_done")).isEqualTo(Long.toString(lastId));
    }

    private WebhookAlerter alerter(int maxAttempts) {
        return new WebhookAlerter(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"), "http://peloton.test/",
                maxAttempts, Duration.ofMillis(20));
    }

    @Test
    void theRunStatusSensorPostsOneWebhookAlertPerFailedRun() throws Exception {
        AutomationEngine engine = engine(RunStatusSensors.onFailure("failures", 5, alerter(3)));
        RunStorage runs = new RunStorage(db.dataSource());
        String failedId = AutomationFixtures.failedRun(runs, "stage 4 has no finish line");

        TickRecord first = engine.sensorTick("failures", Instant.now()).orElseThrow();
        String body = received.poll(30, TimeUnit.SECONDS);
        TickRecord second = engine.sensorTick("failures", Instant.now().plusMillis(1)).orElseThrow();

        assertThat(first.status()).isEqualTo(TickStatus.SUCCESS);
        assertThat(second.status()).isEqualTo(TickStatus.SKIPPED);
        assertThat(body).isNotNull();
        JsonNode json = JsonMapper.builder().build().readTree(body);
        assertThat(json.get("runId").asString()).isEqualTo(failedId);
        assertThat(json.get("status").asString()).isEqualTo("FAILURE");
        assertThat(json.get("selection").get(0).asString()).isEqualTo("race/summary");
        assertThat(json.get("error").asString()).isEqualTo("stage 4 has no finish line");
        assertThat(json.get("link").asString()).isEqualTo("http://peloton.test/runs/" + failedId);

        String secondFailure = AutomationFixtures.failedRun(runs, "crash on the Tourmalet");
        engine.sensorTick("failures", Instant.now().plusMillis(2)).orElseThrow();
        String next = received.poll(30, TimeUnit.SECONDS);
        assertThat(next).contains(secondFailure).contains("crash on the Tourmalet").doesNotContain(failedId);
        assertThat(received).isEmpty();
    }

    @Test
    void aWebhookThatFailsIsRetriedThenGivenUp() throws Exception {
        failuresToAnswer.set(2);
        WebhookAlerter alerter = alerter(3);
        assertThat(alerter.send("{\"runId\":\"r1\"}", "r1").get(30, TimeUnit.SECONDS)).isEqualTo(204);
        assertThat(received).hasSize(3).allMatch(b -> b.equals("{\"runId\":\"r1\"}"));

        received.clear();
        failuresToAnswer.set(5);
        assertThat(alerter(2).send("{\"runId\":\"r2\"}", "r2").get(30, TimeUnit.SECONDS)).isEqualTo(500);
        assertThat(received).hasSize(2);
    }

    @Test
    void aListenerReturnsBeforeTheWebhookAnswers() throws Exception {
        // A server that holds the request until the test releases it: the listener must not wait for it.
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        server.createContext("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add("slow");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        WebhookAlerter slow = new WebhookAlerter(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow"), "http://x", 1,
                Duration.ZERO);
        slow.runFinished(new FinishedRun("r", dev.peloton.runtime.storage.RunStatus.FAILURE, List.of("a"), "e",
                T0, Map.of()));
        assertThat(received).isEmpty();
        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.contains("slow"));
    }

    @Test
    void sensorDeclarationErrorsNameTheSensor() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SensorDefinition.of("too_fast", 0,
                        context -> SensorResult.skip("x")))
                .isInstanceOf(InvalidAutomationException.class).hasMessageContaining("too_fast")
                .hasMessageContaining("0 seconds");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SensorResult(
                        List.of(new KeyedRunRequest("k", RunRequest.of("a"))), null, "why"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badAlertSettingsNameTheProperty() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AlertProperties(URI.create("ftp://hooks/x"),
                        "http://x", 3, Duration.ofSeconds(1), 15))
                .hasMessageContaining("peloton.alerts.webhook-url").hasMessageContaining("ftp://hooks/x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AlertProperties(null, "http://x", 0,
                        Duration.ofSeconds(1), 15))
                .hasMessageContaining("peloton.alerts.max-attempts").hasMessageContaining("0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AlertProperties(null, "http://x", 3,
                        Duration.ofSeconds(1), 0))
                .hasMessageContaining("peloton.alerts.interval-seconds");
    }
}
