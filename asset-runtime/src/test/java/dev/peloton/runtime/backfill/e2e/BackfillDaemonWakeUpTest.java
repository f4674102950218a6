package dev.peloton.runtime.backfill.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.backfill.BackfillDaemon;
import dev.peloton.runtime.backfill.BackfillRecord;
import dev.peloton.runtime.backfill.BackfillRequest;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.run.RunCoordinator;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With a poll interval of an hour, the daemon still submits a new backfill at once: woken directly when this node
 * created it, through PostgreSQL's NOTIFY when another node did. Stopping the context stops the daemon.
 */
class BackfillDaemonWakeUpTest {

    @Test
    void newBackfillsWakeTheDaemonOnThisNodeAndFromAnother(@TempDir Path dataDir) {
        BackfillDaemon daemon;
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(ChainApplication.class)
                .web(WebApplicationType.NONE)
                .properties("peloton.data-dir=" + dataDir, "spring.main.banner-mode=off",
                        "peloton.workers.enabled=false", "peloton.backfills.poll-interval=1h")
                .run()) {
            daemon = node.getBean(BackfillDaemon.class);
            assertThat(daemon.isRunning()).isTrue();
            BackfillService local = node.getBean(BackfillService.class);
            BackfillRecord first = local.create(BackfillRequest.range("chain/raw", "2023-07-01", "2023-07-03"));
            awaitSubmitted(local, first);

            // Another node's service: it has no listener here, only the notification reaches this daemon.
            BackfillService remote = new BackfillService(node.getBean(DataSource.class), node.getBean(AssetGraph.class),
                    node.getBean(RunCoordinator.class));
            BackfillRecord second = remote.create(BackfillRequest.range("chain/raw", "2023-07-04", "2023-07-06"));
            awaitSubmitted(local, second);

            BackfillRecord third = local.create(BackfillRequest.range("chain/raw", "2023-07-07", "2023-07-09"));
            awaitSubmitted(local, third);
        }
        assertThat(daemon.isRunning()).isFalse();
    }

    private static void awaitSubmitted(BackfillService service, BackfillRecord b) {
        await().atMost(Duration.ofSeconds(30)).until(() -> service.get(b.id()).submittedChunks() == b.numChunks());
        assertThat(service.get(b.id()).submittedChunks()).isEqualTo(3);
    }
}
