package dev.peloton.runtime.opstest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.runtime.backfill.BackfillRecord;
import dev.peloton.runtime.backfill.BackfillRequest;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.metrics.DatabaseGaugesAccess;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Scrapes {@code /actuator/prometheus} and reads {@code /actuator/health} of a node that ran real runs. */
@SpringBootTest(classes = OpsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.banner-mode=off", "peloton.metrics.refresh-interval=1h",
                "management.endpoint.health.show-details=always",
                // The backfill below must stay unsubmitted, so that its gauges show it requested and not yet done.
                "peloton.backfills.daemon-enabled=false"})
class MetricsAndHealthTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("peloton.data-dir",
                () -> Path.of("target", "ops-test-data", UUID.randomUUID().toString()).toAbsolutePath().toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    RunCoordinator coordinator;
    @Autowired
    RunStorage runs;
    @Autowired
    DataSource dataSource;
    @Autowired
    AssetGraph graph;
    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusShowsRunsStepsQueueAndBackfills() throws Exception {
        RunRecord good = coordinator.submit(RunRequest.of("race/stages+").withPartitions(
                PartitionSelection.range("2024-07-01", "2024-07-03"))).orElseThrow();
        RunRecord bad = coordinator.submit(RunRequest.of("race/broken").withPartitions(
                PartitionSelection.keys(java.util.List.of("2024-07-01")))).orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.get(good.id()).status().isTerminal()
                && runs.get(bad.id()).status().isTerminal());
        assertThat(runs.get(good.id()).status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(runs.get(bad.id()).status()).isEqualTo(RunStatus.FAILURE);

        // A backfill nobody submits stays active (REQUESTED) with nothing done yet.
        BackfillRecord backfill = new BackfillService(dataSource, graph, coordinator)
                .create(BackfillRequest.range("race/stages", "2024-07-01", "2024-07-10"));
        DatabaseGaugesAccess.refresh(context);

        String text = get("/actuator/prometheus").body();
        assertThat(value(text, "peloton_runs\\{[^}]*status=\"SUCCESS\"[^}]*}")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "peloton_runs\\{[^}]*status=\"FAILURE\"[^}]*}")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "peloton_queue_depth\\{[^}]*}")).isZero();
        assertThat(value(text, "peloton_queue_oldest_age_seconds\\{[^}]*}")).isZero();
        // 3 partitions x 2 assets succeeded, one step failed.
        assertThat(value(text, "peloton_step_duration_seconds_count\\{[^}]*asset=\"race/results\"[^}]*outcome=\"success\"[^}]*}"))
                .isEqualTo(3);
        assertThat(value(text, "peloton_step_duration_seconds_count\\{[^}]*asset=\"race/stages\"[^}]*outcome=\"success\"[^}]*}"))
                .isEqualTo(3);
        assertThat(value(text, "peloton_step_duration_seconds_sum\\{[^}]*asset=\"race/stages\"[^}]*outcome=\"success\"[^}]*}"))
                .isGreaterThan(0).isLessThan(60);
        assertThat(value(text, "peloton_step_duration_seconds_count\\{[^}]*asset=\"race/broken\"[^}]*outcome=\"failure\"[^}]*}"))
                .isEqualTo(1);
        assertThat(value(text, "peloton_queue_wait_seconds_count\\{[^}]*}")).isEqualTo(2);
        assertThat(value(text, "peloton_queue_wait_seconds_max\\{[^}]*}")).isGreaterThanOrEqualTo(0).isLessThan(60);
        assertThat(value(text, "peloton_runs_finished_total\\{[^}]*outcome=\"success\"[^}]*}")).isEqualTo(1);
        assertThat(value(text, "peloton_runs_finished_total\\{[^}]*outcome=\"failure\"[^}]*}")).isEqualTo(1);
        String bf = "\\{[^}]*backfill=\"" + backfill.id() + "\"[^}]*}";
        assertThat(value(text, "peloton_backfill_partitions_requested" + bf)).isEqualTo(10);
        assertThat(value(text, "peloton_backfill_partitions_succeeded" + bf)).isZero();
        assertThat(value(text, "peloton_backfill_partitions_failed" + bf)).isZero();
    }

    @Test
    void healthShowsTheWorkerAndTheDatabase() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"pelotonWorker\"")
                .contains("\"db\"").contains("\"workerId\"").contains("\"claimedRuns\"")
                .contains("\"maxConcurrentRuns\":8").contains("\"lastHeartbeat\"");
        // The Quartz scheduler that fires schedules and sensors is started and clustered.
        assertThat(health.body()).containsPattern("\"pelotonQuartz\":\\{\"details\":\\{[^}]*\"clustered\":true[^}]*},"
                + "\"status\":\"UP\"}");
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
    }

    @Test
    void scheduleLagIsHowLateTheLatestTickOfEachScheduleStarted() throws Exception {
        // Two ticks of one schedule: only the latest counts, and it started 7 s after its scheduled time.
        org.springframework.jdbc.core.simple.JdbcClient jdbc =
                org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO ticks (kind, name, tick_time, status, started_at) VALUES"
                + " ('SCHEDULE', 'lag_probe', now() - interval '1 hour', 'SUCCESS', now() - interval '30 minutes'),"
                + " ('SCHEDULE', 'lag_probe', now() - interval '7 seconds', 'SUCCESS', now())").update();
        DatabaseGaugesAccess.refresh(context);

        double lag = value(get("/actuator/prometheus").body(),
                "peloton_schedule_lag_seconds\\{[^}]*schedule=\"lag_probe\"[^}]*}");
        assertThat(lag).isBetween(6.9, 7.1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the one sample line matching {@code series}. */
    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
        assertThat(m.find()).as("a sample %s in:%n%s", series, text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
