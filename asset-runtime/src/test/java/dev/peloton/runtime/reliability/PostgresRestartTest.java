package dev.peloton.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.core.In;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.runtime.EmbeddedPostgresServer;
import dev.peloton.runtime.backfill.BackfillRecord;
import dev.peloton.runtime.backfill.BackfillRequest;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.backfill.BackfillStatus;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL stops and starts again (same data directory, same port) while a run is in the middle of a step. The
 * node is not restarted: its connection pool reconnects, its worker, reaper, event writer, listeners and backfill
 * daemon outlive the errors, the interrupted run ends SUCCESS or FAILURE with a reason, new work runs, and the
 * stored history is consistent.
 */
class PostgresRestartTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        HeldAssets heldAssets() {
            return new HeldAssets();
        }
    }

    /** hold/first waits for the test; hold/second follows it; daily/x is for a backfill after the restart. */
    public static class HeldAssets {

        @Partitions("days")
        static final PartitionsDefinition DAYS = PartitionsDefinition.daily("2023-01-01", "2023-01-10");

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Asset(key = "hold/first", codeVersion = "1")
        public String first() throws InterruptedException {
            entered.countDown();
            // Bounded, so that a broken test cannot hang the build.
            if (!release.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("hold/first was never released");
            }
            return "first";
        }

        @Asset(key = "hold/second", codeVersion = "1")
        public String second(@In("hold/first") String first) {
            return first + "-second";
        }

        @Asset(key = "daily/x", partitions = "days", codeVersion = "1")
        public String x(AssetContext context) {
            return context.partitionKey();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theNodeOutlivesARestartOfPostgres(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        EmbeddedPostgres postgres = EmbeddedPostgresServer.start(dataDir, port, "peloton");
        String url = "jdbc:postgresql://localhost:" + port + "/peloton?user=postgres";
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(App.class)
                        .web(WebApplicationType.NONE)
                        .properties("spring.datasource.url=" + url, "spring.main.banner-mode=off",
                                "peloton.data-dir=" + dataDir.resolve("node"),
                                "peloton.workers.heartbeat-interval=300ms", "peloton.workers.dead-after=3s",
                                "peloton.workers.reap-interval=500ms", "peloton.workers.poll-interval=500ms",
                                "peloton.backfills.poll-interval=500ms",
                                // A caller waits this long for a connection while the server is away (30 s by
                                // default): shorter here, so that the outage is seen and survived sooner.
                                "spring.datasource.hikari.connection-timeout=3000")
                        .run();
                // After the start: Spring Boot configures the logging system while it starts.
                LogCapture logs = LogCapture.attach()) {
            HeldAssets assets = node.getBean(HeldAssets.class);
            RunCoordinator coordinator = node.getBean(RunCoordinator.class);
            JdbcTemplate jdbc = new JdbcTemplate(node.getBean(DataSource.class));
            RunStorage runs = new RunStorage(node.getBean(DataSource.class));

            RunRecord held = coordinator.submit(RunRequest.of("+hold/second")).orElseThrow();
            assertThat(held).isNotNull();
            await("hold/first started").atMost(Duration.ofSeconds(60)).until(() -> assets.entered.getCount() == 0);
            assertThat(runs.get(held.id()).status()).isEqualTo(RunStatus.RUNNING);

            postgres.close();
            // The node notices: heartbeats fail and the listening connection is lost.
            await("the outage is noticed").atMost(Duration.ofSeconds(60)).until(() ->
                    logs.contains("Worker heartbeat failed") && logs.contains("Lost the connection that listens on"));

            postgres = EmbeddedPostgresServer.start(dataDir, port, "peloton");
            Timestamp restartedAt = new JdbcTemplate(postgres.getPostgresDatabase())
                    .queryForObject("SELECT now()", Timestamp.class);
            // The worker heartbeats again without being restarted (the run may have been taken over by this very
            // node's reaper if the outage outlasted dead-after; its heartbeat moves on either way).
            await("heartbeats resume").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> jdbc.queryForObject("SELECT heartbeat_at > ? FROM runs"
                            + " WHERE id = ?::uuid", Boolean.class, restartedAt, held.id()));
            assets.release.countDown();

            await("the interrupted run ends").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> runs.get(held.id()).status().isTerminal());
            RunRecord ended = runs.get(held.id());
            assertThat(ended.status()).as("%s", ended).isIn(RunStatus.SUCCESS, RunStatus.FAILURE);
            if (ended.status() == RunStatus.FAILURE) {
                assertThat(ended.error()).as("why the run failed").isNotBlank();
            } else {
                assertThat(jdbc.queryForList("SELECT asset_key FROM materializations WHERE run_id = ?",
                        String.class, held.id())).containsExactlyInAnyOrder("hold/first", "hold/second");
            }

            // New work runs on the same node: a run (worker, listener or poll, event writer) and a backfill (daemon).
            RunRecord fresh = coordinator.submit(RunRequest.of("daily/x").withPartitions(
                    dev.peloton.core.engine.plan.PartitionSelection.keys("2023-01-01"))).orElseThrow();
            await("a new run succeeds").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> runs.get(fresh.id()).status().isTerminal());
            assertThat(runs.get(fresh.id()).status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE run_id = ?::uuid", Long.class,
                    fresh.id())).as("events of the new run").isPositive();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM steps WHERE run_id = ?::uuid AND status = 'SUCCESS'",
                    Long.class, fresh.id())).isEqualTo(1);
            BackfillService backfills = node.getBean(BackfillService.class);
            BackfillRecord backfill = backfills.create(BackfillRequest.range("daily/x", "2023-01-02", "2023-01-10"));
            await("a new backfill completes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> backfills.get(backfill.id()).status().isTerminal());
            assertThat(backfills.get(backfill.id()).status()).isEqualTo(BackfillStatus.COMPLETED);

            // Every background thread of the node is still there.
            Set<String> alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .map(Thread::getName).collect(java.util.stream.Collectors.toSet());
            assertThat(alive).contains("peloton-run-dispatcher", "peloton-event-flusher", "peloton-run-listener");
            assertThat(alive).anyMatch(n -> n.startsWith("peloton-worker-timer-"));
            assertThat(logs.lines()).filteredOn(l -> l.message().contains("Exception in thread")
                            || "java.lang.ThreadDeath".equals(l.exception()))
                    .as("threads that died").isEmpty();

            assertConsistent(jdbc);
        } finally {
            postgres.close();
        }
    }

    /** Every materialization belongs to a run, and each asset partition's state is its latest materialization. */
    private static void assertConsistent(JdbcTemplate jdbc) {
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM materializations m
                WHERE m.run_id IS NULL OR NOT EXISTS (SELECT 1 FROM runs r WHERE r.id::text = m.run_id)""",
                Long.class)).as("materializations without a run").isZero();
        List<String> disagreeing = jdbc.queryForList("""
                SELECT m.asset_key || ' ' || m.partition_key FROM materializations m
                WHERE m.id = (SELECT max(id) FROM materializations l
                              WHERE l.asset_key = m.asset_key AND l.partition_key = m.partition_key)
                  AND NOT EXISTS (SELECT 1 FROM asset_partition_state s
                                  WHERE s.asset_key = m.asset_key AND s.partition_key = m.partition_key
                                    AND s.materialization_id = m.id AND s.data_version = m.data_version
                                    AND s.materialization_run_id = m.run_id)""", String.class);
        assertThat(disagreeing).as("asset partitions whose state is not their latest materialization").isEmpty();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM asset_partition_state s JOIN runs r ON r.id::text = s.in_progress_run_id
                WHERE r.status IN ('SUCCESS', 'FAILURE', 'CANCELED')""", Long.class))
                .as("asset partitions still in progress for runs that ended").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM runs WHERE status IN ('RUNNING', 'STARTING',"
                + " 'CANCELING', 'QUEUED')", Long.class)).as("runs not ended").isZero();
    }
}
