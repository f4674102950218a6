package dev.peloton.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Three nodes, each a JVM process of its own, on one PostgreSQL run a 365-partition backfill of a three-asset chain
 * and a schedule that ticks every second; one node is killed with SIGKILL midway. The other two take its runs over
 * and finish: every asset partition is materialized once by the backfill, no run is left running, and each tick of
 * the schedule fired once across the cluster.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ClusterKillTest {

    private static final int PARTITIONS = 365;
    private static final List<String> CHAIN = List.of("slow/raw", "slow/clean", "slow/report");
    private static final Path LOGS = Path.of("target", "reliability", "cluster-kill");

    private final TestDatabase db;
    private final JdbcTemplate jdbc;
    private final List<NodeProcess> nodes = new ArrayList<>();

    ClusterKillTest(TestDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(NodeProcess::close);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void aBackfillSurvivesTheKillOfOneNodeOfThree(@TempDir Path lake) throws Exception {
        List<String> settings = List.of("--spring.main.banner-mode=off",
                "--reliability.step-millis=20", "--reliability.lake-dir=" + lake,
                "--peloton.workers.heartbeat-interval=500ms", "--peloton.workers.dead-after=3s",
                "--peloton.workers.reap-interval=500ms", "--peloton.workers.poll-interval=500ms",
                "--peloton.backfills.poll-interval=500ms", "--peloton.backfills.batch-size=50",
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000");
        for (int i = 1; i <= 3; i++) {
            nodes.add(NodeProcess.start("node-" + i, LOGS, db.jdbcUrl(), settings));
        }
        // Three Spring Boot starts at once on a starved machine: give them time.
        await("all three nodes answer").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                .until(() -> nodes.stream().allMatch(NodeProcess::answers));

        HttpResponse<String> created = nodes.get(0).post("/api/backfills", """
                {"selection": "+slow/report", "partitions": {"range": {"from": "2023-01-01", "to": "2023-12-31"}}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        Matcher idMatch = Pattern.compile("\"backfillId\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(created.body());
        assertThat(idMatch.find()).as(created.body()).isTrue();
        String backfill = idMatch.group(1);

        await("a third of the partitions succeeded").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100)).until(() -> count("SELECT count(*) FROM runs"
                        + " WHERE backfill_id = ?::uuid AND status = 'SUCCESS'", backfill) >= PARTITIONS / 3);

        // The victim is the node holding the most runs now, so that its death leaves runs to take over.
        NodeProcess victim = nodes.stream().max((a, b) -> Long.compare(held(a), held(b))).orElseThrow();
        String victimWorker = "%-" + victim.process.pid() + "-%";
        victim.kill();
        assertThat(victim.process.isAlive()).isFalse();
        assertThat(ProcessHandle.of(victim.process.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        Timestamp killedAt = jdbc.queryForObject("SELECT now()", Timestamp.class);

        await("the backfill ends").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250))
                .until(() -> List.of("COMPLETED", "FAILED", "CANCELED").contains(jdbc.queryForObject(
                        "SELECT status FROM backfills WHERE id = ?::uuid", String.class, backfill)));
        // The surviving nodes keep the schedule going: ticks well after the victim's Quartz locks expired.
        await("ticks after the kill").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> count("SELECT count(*) FROM ticks WHERE name = 'every_second'"
                        + " AND tick_time > ?::timestamptz + interval '8 seconds'", killedAt) >= 3);
        // Stop the survivors gracefully (SIGTERM), so that nothing moves while the history is checked.
        for (NodeProcess node : nodes) {
            if (node.process.isAlive()) {
                node.process.destroy();
                assertThat(node.process.waitFor(60, TimeUnit.SECONDS)).as("%s stops on SIGTERM", node.name).isTrue();
            }
        }

        assertThat(jdbc.queryForObject("SELECT status FROM backfills WHERE id = ?::uuid", String.class, backfill))
                .as("backfill status; runs that did not succeed: %s", jdbc.queryForList("SELECT id, status, error"
                        + " FROM runs WHERE backfill_id = ?::uuid AND status <> 'SUCCESS' LIMIT 5", backfill))
                .isEqualTo("COMPLETED");
        // One run per partition, each ended SUCCESS.
        assertThat(jdbc.queryForList("SELECT status, count(*) AS n FROM runs WHERE backfill_id = ?::uuid"
                + " GROUP BY status", backfill)).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "SUCCESS").containsEntry("n", (long) PARTITIONS));
        assertThat(count("SELECT count(*) FROM runs WHERE status IN ('RUNNING', 'STARTING', 'CANCELING')"))
                .as("runs left running").isZero();
        // The kill landed in the middle of runs, which were taken over.
        assertThat(count("SELECT count(*) FROM event_log e JOIN runs r ON r.id = e.run_id"
                + " WHERE r.backfill_id = ?::uuid AND e.event_type = 'RUN_REQUEUED'"
                + " AND e.payload->>'previousWorker' LIKE ?", backfill, victimWorker))
                .as("runs of %s taken over", victim.name).isPositive();

        // Exactly one committed materialization per (asset, partition), each by a run of the backfill.
        List<Map<String, Object>> perPartition = jdbc.queryForList("""
                SELECT m.asset_key, m.partition_key, count(*) AS n FROM materializations m
                JOIN runs r ON r.id::text = m.run_id
                WHERE r.backfill_id = ?::uuid GROUP BY m.asset_key, m.partition_key""", backfill);
        assertThat(perPartition).hasSize(CHAIN.size() * PARTITIONS);
        assertThat(perPartition).filteredOn(r -> ((Number) r.get("n")).longValue() != 1)
                .as("asset partitions materialized more than once").isEmpty();
        assertThat(perPartition).extracting(r -> r.get("asset_key")).containsOnlyElementsOf(CHAIN);
        assertThat(count("SELECT count(*) FROM materializations WHERE asset_key LIKE 'slow/%'"))
                .isEqualTo(CHAIN.size() * PARTITIONS);
        // The latest state of each asset partition is that materialization, and nothing is left in progress.
        assertThat(count("""
                SELECT count(*) FROM asset_partition_state s JOIN materializations m ON m.id = s.materialization_id
                WHERE s.asset_key LIKE 'slow/%' AND s.status = 'MATERIALIZED'
                  AND m.asset_key = s.asset_key AND m.partition_key = s.partition_key""")).isEqualTo(
                CHAIN.size() * PARTITIONS);

        // The schedule: one tick row per scheduled second, at most one run per tick, each run naming its tick.
        long ticks = count("SELECT count(*) FROM ticks WHERE name = 'every_second'");
        assertThat(count("SELECT count(DISTINCT tick_time) FROM ticks WHERE name = 'every_second'")).isEqualTo(ticks);
        assertThat(jdbc.queryForList("SELECT tags->>'peloton/run_key' AS k, count(*) FROM runs"
                + " WHERE tags->>'peloton/schedule' = 'every_second' GROUP BY 1 HAVING count(*) > 1"))
                .as("run keys with more than one run").isEmpty();
        long scheduleRuns = count("SELECT count(*) FROM runs WHERE tags->>'peloton/schedule' = 'every_second'");
        assertThat(scheduleRuns).isPositive().isLessThanOrEqualTo(ticks);
        assertThat(count("SELECT count(*) FROM runs r WHERE tags->>'peloton/schedule' = 'every_second'"
                + " AND NOT EXISTS (SELECT 1 FROM ticks t WHERE t.name = 'every_second' AND t.run_ids @> to_jsonb(r.id::text))"))
                .as("schedule runs no tick names").isZero();
    }

    /** How many runs the node's worker holds now (its worker id is host-pid-suffix). */
    private long held(NodeProcess node) {
        return count("SELECT count(*) FROM runs WHERE status IN ('STARTING', 'RUNNING') AND worker_id LIKE ?",
                "%-" + node.process.pid() + "-%");
    }
}
