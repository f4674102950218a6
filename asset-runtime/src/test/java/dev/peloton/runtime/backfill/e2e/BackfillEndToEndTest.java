package dev.peloton.runtime.backfill.e2e;

import static dev.peloton.runtime.backfill.e2e.ChainTestSupport.assertMaterializedExactlyOnce;
import static dev.peloton.runtime.backfill.e2e.ChainTestSupport.runStatuses;
import static dev.peloton.runtime.backfill.e2e.ChainTestSupport.unfinishedRuns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peloton.runtime.backfill.BackfillDaemon;
import dev.peloton.runtime.backfill.BackfillService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backfills through the REST API with this node's daemon and worker executing them for real, on the embedded
 * PostgreSQL. Each test uses its own month of the chain's daily partitions, so materializations can be counted.
 */
@SpringBootTest(classes = ChainApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.banner-mode=off", "peloton.backfills.batch-size=7",
                "peloton.backfills.poll-interval=200ms", "peloton.workers.poll-interval=200ms",
                "peloton.workers.heartbeat-interval=200ms"})
class BackfillEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("peloton.data-dir", () -> Path.of("target", "backfill-e2e-data", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChainApplication.ChainAssets assets;

    @Autowired
    BackfillDaemon daemon;

    @Autowired
    BackfillService backfills;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void reset() {
        CountDownLatch g = assets.gate;
        if (g != null) {
            g.countDown();
        }
        assets.gate = null;
        assets.failPartition = null;
    }

    private JsonNode call(String method, String path, String body, int expectedStatus) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (method.equals("POST")) {
            r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> a = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(a.statusCode()).as("%s %s -> %s", method, path, a.body()).isEqualTo(expectedStatus);
            return json.readTree(a.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String create(String body) {
        return call("POST", "/api/backfills", body, 202).get("backfillId").stringValue();
    }

    private JsonNode detail(String id) {
        return call("GET", "/api/backfills/" + id, null, 200);
    }

    private JsonNode awaitStatus(String id, String status) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() ->
                detail(id).get("backfill").get("status").stringValue().equals(status));
        return detail(id);
    }

    @Test
    void onePerPartitionOverThirtyDaysMaterializesEveryAssetPartitionOnce() {
        String id = create("""
                {"selection": "+chain/report", "partitions": {"range": {"from": "2023-01-01", "to": "2023-01-30"}},
                 "policy": "perPartition"}""");
        JsonNode d = awaitStatus(id, "COMPLETED");
        JsonNode b = d.get("backfill");
        assertThat(b.get("numRuns").longValue()).isEqualTo(30);
        assertThat(b.get("submittedRuns").longValue()).isEqualTo(30);
        assertThat(b.get("numSucceeded").longValue()).isEqualTo(30);
        assertThat(b.get("numFailed").longValue()).isZero();
        assertThat(d.get("progress").get("counts").get("SUCCEEDED").longValue()).isEqualTo(30);
        assertThat(d.get("progress").get("ranges")).hasSize(1);
        assertThat(d.get("progress").get("ranges").get(0).get("from").stringValue()).isEqualTo("2023-01-01");
        assertThat(d.get("progress").get("ranges").get(0).get("to").stringValue()).isEqualTo("2023-01-30");
        assertThat(runStatuses(jdbc, id)).containsExactly(java.util.Map.entry("SUCCESS", 30L));
        assertMaterializedExactlyOnce(jdbc, "2023-01-01", "2023-01-30", 30);
    }

    @Test
    void chunksOfSevenMakeFiveRunsAndMaterializeEveryAssetPartitionOnce() {
        JsonNode created = call("POST", "/api/backfills", """
                {"selection": "+chain/report", "partitions": {"range": {"from": "2023-02-01", "to": "2023-03-02"}},
                 "policy": {"chunks": 7}, "tags": {"team": "data"}}""", 202);
        assertThat(created.get("numRuns").longValue()).isEqualTo(5);
        String id = created.get("backfillId").stringValue();
        awaitStatus(id, "COMPLETED");
        assertThat(runStatuses(jdbc, id)).containsExactly(java.util.Map.entry("SUCCESS", 5L));
        // Every run carries the backfill's tags; the chunk sizes are 7, 7, 7, 7, 2.
        assertThat(jdbc.queryForList("SELECT tags->>'team' FROM runs WHERE backfill_id = ?::uuid", String.class, id))
                .containsOnly("data");
        assertThat(jdbc.queryForList("SELECT (tags->>'peloton/partition_range_start') || '..'"
                        + " || (tags->>'peloton/partition_range_end') FROM runs WHERE backfill_id = ?::uuid"
                        + " ORDER BY (tags->>'peloton/backfill_chunk')::int", String.class, id))
                .containsExactly("2023-02-01..2023-02-07", "2023-02-08..2023-02-14", "2023-02-15..2023-02-21",
                        "2023-02-22..2023-02-28", "2023-03-01..2023-03-02");
        assertMaterializedExactlyOnce(jdbc, "2023-02-01", "2023-03-02", 30);
    }

    @Test
    void aFailedPartitionFailsTheBackfillAndRetryFailedCompletesItWithoutRedoingTheRest() {
        assets.failPartition = "2023-04-17";
        String id = create("""
                {"selection": "+chain/report", "partitions": {"range": {"from": "2023-04-01", "to": "2023-04-30"}},
                 "onlyStaleAndMissing": true}""");
        JsonNode d = awaitStatus(id, "FAILED");
        assertThat(d.get("backfill").get("numFailed").longValue()).isEqualTo(1);
        assertThat(d.get("backfill").get("numSucceeded").longValue()).isEqualTo(29);
        assertThat(d.get("backfill").get("error").stringValue()).contains("1 of 30 partitions failed");
        JsonNode ranges = d.get("progress").get("ranges");
        assertThat(ranges).hasSize(3);
        assertThat(ranges.get(1).get("status").stringValue()).isEqualTo("FAILED");
        assertThat(ranges.get(1).get("from").stringValue()).isEqualTo("2023-04-17");
        assertThat(ranges.get(1).get("to").stringValue()).isEqualTo("2023-04-17");
        assertThat(ranges.get(0).get("status").stringValue()).isEqualTo("SUCCEEDED");
        assertThat(ranges.get(2).get("status").stringValue()).isEqualTo("SUCCEEDED");

        assets.failPartition = null;
        JsonNode retry = call("POST", "/api/backfills/" + id + "/retry-failed", "", 202);
        assertThat(retry.get("parentId").stringValue()).isEqualTo(id);
        assertThat(retry.get("numPartitions").longValue()).isEqualTo(1);
        String child = retry.get("backfillId").stringValue();
        JsonNode c = awaitStatus(child, "COMPLETED");
        assertThat(c.get("backfill").get("partitions").stringValue()).isEqualTo("2023-04-17");
        // The parent keeps its history.
        assertThat(detail(id).get("backfill").get("status").stringValue()).isEqualTo("FAILED");
        // Only stale and missing: the retry computed what the failure left missing, nothing twice.
        assertMaterializedExactlyOnce(jdbc, "2023-04-01", "2023-04-30", 30);
    }

    @Test
    void cancelMidWayEndsCanceledWithNoRunLeftRunning() {
        CountDownLatch gate = new CountDownLatch(1);
        assets.gate = gate;
        String id = create("""
                {"selection": "+chain/report", "partitions": {"range": {"from": "2023-05-01", "to": "2023-05-30"}}}""");
        // Some runs are executing (held by the gate), others wait in the queue.
        await().atMost(PATIENCE).until(() -> runStatuses(jdbc, id).getOrDefault("RUNNING", 0L) > 0);
        JsonNode canceled = call("POST", "/api/backfills/" + id + "/cancel", "", 200);
        assertThat(canceled.get("status").stringValue()).isIn("CANCELING", "CANCELED");
        gate.countDown();
        JsonNode d = awaitStatus(id, "CANCELED");
        assertThat(unfinishedRuns(jdbc, id)).isZero();
        assertThat(d.get("progress").get("counts").get("CANCELED").longValue()).isPositive();
        assertThat(d.get("progress").get("counts").get("RUNNING").longValue()).isZero();
        assertThat(d.get("progress").get("counts").get("QUEUED").longValue()).isZero();
        // A canceled backfill submits nothing more, even when the daemon looks again.
        long runs = runStatuses(jdbc, id).values().stream().mapToLong(Long::longValue).sum();
        daemon.runOnce();
        assertThat(runStatuses(jdbc, id).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(runs);
        assertThat(backfills.get(id).status().name()).isEqualTo("CANCELED");
    }
}
