package dev.peloton.runtime.backfill.e2e;

import static dev.peloton.runtime.backfill.e2e.ChainTestSupport.assertMaterializedExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peloton.runtime.backfill.BackfillDaemon;
import dev.peloton.runtime.backfill.BackfillRecord;
import dev.peloton.runtime.backfill.BackfillRequest;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.backfill.BackfillStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A backfill survives a restart of the node that created it: the node stops after its daemon submitted the first
 * batch, a new node starts on the same data directory, and the backfill completes with every chunk run once and
 * every asset partition materialized once.
 */
class BackfillRestartTest {

    private static SpringApplicationBuilder node(Path dataDir) {
        return new SpringApplicationBuilder(ChainApplication.class)
                .web(WebApplicationType.NONE)
                .properties("peloton.data-dir=" + dataDir, "spring.main.banner-mode=off",
                        "peloton.backfills.batch-size=5", "peloton.backfills.poll-interval=200ms",
                        "peloton.workers.poll-interval=200ms", "peloton.workers.heartbeat-interval=200ms",
                        "peloton.workers.dead-after=2s", "peloton.workers.reap-interval=500ms");
    }

    @Test
    void aBackfillCompletesOnTheNextStartWithoutDuplicates(@TempDir Path dataDir) {
        CountDownLatch firstBatch = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        // Holds the daemon after its first batch, as a node that is stopped mid-submission.
        BackfillDaemon.BatchListener hold = (id, from, to) -> {
            firstBatch.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        String id;
        try (ConfigurableApplicationContext first = node(dataDir)
                .initializers(c -> c.getBeanFactory().registerSingleton("holdAfterFirstBatch", hold))
                .run()) {
            BackfillRecord b = first.getBean(BackfillService.class)
                    .create(BackfillRequest.range("+chain/report", "2023-06-01", "2023-06-30"));
            id = b.id();
            assertThat(b.numChunks()).isEqualTo(30);
            await().atMost(Duration.ofSeconds(60)).until(() -> firstBatch.getCount() == 0);
            BackfillRecord midway = first.getBean(BackfillService.class).get(id);
            assertThat(midway.submittedChunks()).isEqualTo(5);
            assertThat(midway.status()).isEqualTo(BackfillStatus.SUBMITTING);
        }

        try (ConfigurableApplicationContext second = node(dataDir).run()) {
            BackfillService backfills = second.getBean(BackfillService.class);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> backfills.get(id).status().isTerminal());
            BackfillRecord done = backfills.get(id);
            assertThat(done.status()).as("%s", done).isEqualTo(BackfillStatus.COMPLETED);
            assertThat(done.submittedChunks()).isEqualTo(30);
            JdbcTemplate jdbc = new JdbcTemplate(second.getBean(DataSource.class));
            // One run per chunk: the replayed first batch started no second run.
            assertThat(jdbc.queryForObject("SELECT count(*) FROM runs WHERE backfill_id = ?::uuid", Long.class, id))
                    .isEqualTo(30);
            assertThat(jdbc.queryForObject("SELECT count(DISTINCT tags->>'peloton/backfill_chunk') FROM runs"
                    + " WHERE backfill_id = ?::uuid", Long.class, id)).isEqualTo(30);
            assertMaterializedExactlyOnce(jdbc, "2023-06-01", "2023-06-30", 30);
        }
    }
}
