package dev.peloton.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.event.StepCounts;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import dev.peloton.runtime.worker.RunWorker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

@ExtendWith(EmbeddedPostgresExtension.class)
class WorkerMetricsAndHealthTest {

    private static final Instant T0 = Instant.parse("2026-07-04T10:00:00Z");
    private final TestDatabase db;

    WorkerMetricsAndHealthTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void stepsAreTimedPerAssetAndOutcomeAndRunsCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WorkerMetrics metrics = new WorkerMetrics(registry);
        String run = "0190f1c2-8f3a-7c4e-9a51-3b2d1e0f4a6b";
        metrics.event(new RunEvent.StepStarted(run, T0, "race/stages[2024-07-01]", 1));
        metrics.event(new RunEvent.StepSucceeded(run, T0.plusMillis(250), "race/stages[2024-07-01]", 1,
                Duration.ofMillis(200)));
        metrics.event(new RunEvent.StepStarted(run, T0, "race/stages[2024-07-02]", 1));
        metrics.event(new RunEvent.StepFailed(run, T0.plusSeconds(3), "race/stages[2024-07-02]", "E", "m", "",
                1, false));
        metrics.event(new RunEvent.StepStarted(run, T0, "marts/summary", 1));
        metrics.event(new RunEvent.StepCanceled(run, T0.plusSeconds(1), "marts/summary", 1));
        // A failure without a start seen (the worker took the run over mid-step) is not timed.
        metrics.event(new RunEvent.StepFailed(run, T0, "marts/other", "E", "m", "", 1, false));
        metrics.event(new RunEvent.RunFinished(run, T0.plusSeconds(4), RunOutcome.FAILURE, new StepCounts(1, 0, 1,
                0, 1, 0, 0)));

        var success = registry.get(PelotonMeterNames.STEP_DURATION).tags("asset", "race/stages", "outcome", "success")
                .timer();
        assertThat(success.count()).isEqualTo(1);
        assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(200);
        var failure = registry.get(PelotonMeterNames.STEP_DURATION).tags("asset", "race/stages", "outcome", "failure")
                .timer();
        assertThat(failure.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3_000);
        assertThat(registry.get(PelotonMeterNames.STEP_DURATION).tags("asset", "marts/summary", "outcome",
                "canceled").timer().count()).isEqualTo(1);
        assertThat(registry.find(PelotonMeterNames.STEP_DURATION).tags("asset", "marts/other").timer()).isNull();
        assertThat(registry.get(PelotonMeterNames.RUNS_FINISHED).tag("outcome", "failure").counter().count())
                .isEqualTo(1);

        metrics.runClaimed(new RunRecord(run, RunStatus.STARTING, 0, List.of(AssetKey.parse("a")),
                PartitionSet.of(0), null, Map.of(), null, "w", 1, T0.plusSeconds(7), T0, null, null, null));
        assertThat(registry.get(PelotonMeterNames.QUEUE_WAIT).timer().totalTime(TimeUnit.SECONDS)).isEqualTo(7);
    }

    @Test
    void workerHealthFollowsTheWorkerAndItsHeartbeat() {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder(AssetKey.parse("a")).build()));
        RunWorker worker = RunWorker.builder(db.dataSource(), graph).workerId("health-test").build();
        try {
            Health stopped = new WorkerHealthIndicator(worker).health();
            assertThat(stopped.getStatus()).isEqualTo(Status.DOWN);
            assertThat(stopped.getDetails()).containsEntry("reason", "the worker is not running")
                    .containsEntry("workerId", "health-test").containsEntry("lastHeartbeat", "none yet");

            worker.start();
            Health up = new WorkerHealthIndicator(worker).health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("claimedRuns", 0).containsEntry("maxConcurrentRuns", 8);

            // Seen from a minute later without a heartbeat: past dead-after (30 s by default).
            Clock later = Clock.fixed(Instant.now().plusSeconds(60), ZoneOffset.UTC);
            Health stale = new WorkerHealthIndicator(worker, later).health();
            assertThat(stale.getStatus()).isEqualTo(Status.DOWN);
            assertThat((String) stale.getDetails().get("reason")).contains("peloton.workers.dead-after");
        } finally {
            worker.close();
        }
    }
}
