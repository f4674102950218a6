package dev.peloton.core.engine.event;

import dev.peloton.core.AssetKey;
import dev.peloton.core.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.event.Level;

/**
 * Something that happened in a run. Every event names its run and when it happened; events about one step
 * also name the step ({@link #stepId()} is {@code null} for run-level events). Events are immutable values so
 * that a sink may keep, batch or serialize them from any thread.
 */
public sealed interface RunEvent {

    String runId();

    Instant timestamp();

    /** The step concerned, or {@code null} for an event about the whole run. */
    String stepId();

    /**
     * The run started.
     *
     * @param stepCount        steps in the plan
     * @param completedEarlier steps an earlier attempt of the run completed, which this one skips
     */
    record RunStarted(String runId, Instant timestamp, int stepCount, int completedEarlier) implements RunEvent {
        public RunStarted {
            requireRun(runId, timestamp);
        }

        @Override
        public String stepId() {
            return null;
        }
    }

    /** An attempt of a step started (it holds its concurrency permits from now on). */
    record StepStarted(String runId, Instant timestamp, String stepId, int attempt) implements RunEvent {
        public StepStarted {
            requireStep(runId, timestamp, stepId);
        }
    }

    /**
     * One asset partition was materialized and recorded.
     *
     * @param partitionKey      {@code ""} for an unpartitioned asset
     * @param inputDataVersions per upstream asset, the combined data version of the upstream partitions read
     * @param metadata          what the asset code attached with {@code AssetContext.addMetadata}
     * @param duration          time spent loading inputs, computing and storing the invocation that produced it
     */
    record Materialization(String runId, Instant timestamp, String stepId, AssetKey asset, String partitionKey,
            String dataVersion, String codeVersion, Map<AssetKey, String> inputDataVersions,
            Map<String, Object> metadata, Duration duration) implements RunEvent {
        public Materialization {
            requireStep(runId, timestamp, stepId);
            Objects.requireNonNull(asset, "asset");
            Objects.requireNonNull(partitionKey, "partitionKey");
            Objects.requireNonNull(dataVersion, "dataVersion");
            inputDataVersions = Map.copyOf(inputDataVersions);
            metadata = orderedCopy(metadata);
        }
    }

    /**
     * An asset check was evaluated on one asset partition.
     *
     * @param checkId  {@code asset:name}
     * @param blocking whether the check is blocking; a failed blocking check of severity ERROR skips downstream
     *                 steps
     */
    record CheckEvaluated(String runId, Instant timestamp, String stepId, String checkId, AssetKey asset,
            String partitionKey, boolean passed, Severity severity, String description, Map<String, Object> metadata,
            boolean blocking) implements RunEvent {
        public CheckEvaluated {
            requireStep(runId, timestamp, stepId);
            Objects.requireNonNull(checkId, "checkId");
            Objects.requireNonNull(asset, "asset");
            metadata = orderedCopy(metadata);
        }

        /** Whether this evaluation stops the steps downstream of the asset. */
        public boolean blocks() {
            return blocking && !passed && severity == Severity.ERROR;
        }
    }

    /**
     * An attempt of a step failed.
     *
     * @param errorClass the exception's class name
     * @param message    the exception's message ({@code ""} when it has none)
     * @param stackTrace the full stack trace, causes included, as printed by {@code printStackTrace}
     * @param willRetry  whether a {@link RetryScheduled} follows
     */
    record StepFailed(String runId, Instant timestamp, String stepId, String errorClass, String message,
            String stackTrace, int attempt, boolean willRetry) implements RunEvent {
        public StepFailed {
            requireStep(runId, timestamp, stepId);
            message = message == null ? "" : message;
        }
    }

    /**
     * A failed step will be tried again.
     *
     * @param attempt the attempt that will run (2 for the first retry)
     * @param delay   how long after this event it starts
     */
    record RetryScheduled(String runId, Instant timestamp, String stepId, int attempt, Duration delay)
            implements RunEvent {
        public RetryScheduled {
            requireStep(runId, timestamp, stepId);
        }
    }

    /**
     * A step did not run.
     *
     * @param cause   the kind of reason
     * @param causeId the failed step's id, the failed check's id ({@code asset:name}), or {@code null} for a
     *                canceled run
     * @param reason  the reason in words
     */
    record StepSkipped(String runId, Instant timestamp, String stepId, SkipCause cause, String causeId,
            String reason) implements RunEvent {
        public StepSkipped {
            requireStep(runId, timestamp, stepId);
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * A step finished its work: every asset partition of it was materialized (its checks may still have failed,
     * see {@link CheckEvaluated}).
     */
    record StepSucceeded(String runId, Instant timestamp, String stepId, int attempt, Duration duration)
            implements RunEvent {
        public StepSucceeded {
            requireStep(runId, timestamp, stepId);
        }
    }

    /**
     * A step that had started was stopped by the run's cancellation: while computing, or while waiting to retry.
     * Partitions it committed before stay committed.
     */
    record StepCanceled(String runId, Instant timestamp, String stepId, int attempt) implements RunEvent {
        public StepCanceled {
            requireStep(runId, timestamp, stepId);
        }
    }

    /** A line the asset code logged through {@code AssetContext.log()}. */
    record LogLine(String runId, Instant timestamp, String stepId, Level level, String message) implements RunEvent {
        public LogLine {
            requireStep(runId, timestamp, stepId);
            Objects.requireNonNull(level, "level");
            message = message == null ? "" : message;
        }
    }

    /** The run ended; no event of the run follows. */
    record RunFinished(String runId, Instant timestamp, RunOutcome outcome, StepCounts counts) implements RunEvent {
        public RunFinished {
            requireRun(runId, timestamp);
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(counts, "counts");
        }

        @Override
        public String stepId() {
            return null;
        }
    }

    private static void requireRun(String runId, Instant timestamp) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    private static void requireStep(String runId, Instant timestamp, String stepId) {
        requireRun(runId, timestamp);
        Objects.requireNonNull(stepId, "stepId");
    }

    private static Map<String, Object> orderedCopy(Map<String, Object> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
