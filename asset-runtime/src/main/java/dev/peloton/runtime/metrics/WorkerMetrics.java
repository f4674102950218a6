package dev.peloton.runtime.metrics;

import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.worker.RunWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node's worker does, as meters: step durations per asset and outcome, the time runs waited in the queue,
 * and the runs it finished. Fed by the worker's {@link RunWorker.Observer} hook, in memory, with no database work.
 */
public final class WorkerMetrics implements RunWorker.Observer {

    private final MeterRegistry registry;
    private final Timer queueWait;
    // Start times of step attempts in progress, to time the attempts that fail or are canceled.
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final Map<String, Timer> stepTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> finished = new ConcurrentHashMap<>();

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.queueWait = Timer.builder(PelotonMeterNames.QUEUE_WAIT)
                .description("Time from a run's creation to its claim by a worker of this node")
                .register(registry);
    }

    @Override
    public void runClaimed(RunRecord run) {
        // Both times come from the database's clock: no skew between nodes.
        Instant claimedAt = run.heartbeatAt() != null ? run.heartbeatAt() : Instant.now();
        if (run.createdAt() != null) {
            queueWait.record(Duration.between(run.createdAt(), claimedAt).abs());
        }
    }

    @Override
    public void event(RunEvent event) {
        switch (event) {
            case RunEvent.StepStarted s -> started.put(key(s.runId(), s.stepId()), s.timestamp());
            case RunEvent.StepSucceeded s -> {
                started.remove(key(s.runId(), s.stepId()));
                stepTimer(s.stepId(), "success").record(s.duration());
            }
            case RunEvent.StepFailed f -> ended(f.runId(), f.stepId(), f.timestamp(), "failure");
            case RunEvent.StepCanceled c -> ended(c.runId(), c.stepId(), c.timestamp(), "canceled");
            case RunEvent.RunFinished r -> finished.computeIfAbsent(r.outcome().name().toLowerCase(java.util.Locale.ROOT),
                    o -> Counter.builder(PelotonMeterNames.RUNS_FINISHED).tag("outcome", o)
                            .description("Runs this node finished").register(registry)).increment();
            default -> {
            }
        }
    }

    private void ended(String runId, String stepId, Instant at, String outcome) {
        Instant start = started.remove(key(runId, stepId));
        if (start != null) {
            stepTimer(stepId, outcome).record(Duration.between(start, at).abs());
        }
    }

    private Timer stepTimer(String stepId, String outcome) {
        String asset = assetOf(stepId);
        return stepTimers.computeIfAbsent(asset + '\u0000' + outcome, k -> Timer.builder(PelotonMeterNames.STEP_DURATION)
                .description("Duration of step attempts on this node")
                .tag("asset", asset).tag("outcome", outcome)
                .register(registry));
    }

    /** A step id is the asset (or multi-asset) name, then the partitions in brackets when partitioned. */
    static String assetOf(String stepId) {
        int bracket = stepId.indexOf('[');
        return bracket < 0 ? stepId : stepId.substring(0, bracket);
    }

    private static String key(String runId, String stepId) {
        return runId + '\u0000' + stepId;
    }
}
