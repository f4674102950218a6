package dev.peloton.core.engine.execution;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.event.StepCounts;
import java.util.List;
import java.util.Map;

/**
 * How a run ended.
 *
 * @param runId   the run
 * @param outcome SUCCESS, FAILURE or CANCELED
 * @param steps   every step of the plan, in plan order
 * @param values  the values materialized by this run for assets kept by an {@code InMemoryIOManager}, per asset
 *                per partition key ({@code ""} when unpartitioned); values may be {@code null}
 */
public record RunResult(String runId, RunOutcome outcome, Map<String, StepReport> steps,
        Map<AssetKey, Map<String, Object>> values) {

    /** The report of one step. */
    public StepReport step(String stepId) {
        StepReport report = steps.get(stepId);
        if (report == null) {
            throw new IllegalArgumentException("Run '" + runId + "' has no step '" + stepId + "' (steps: "
                    + steps.keySet() + ")");
        }
        return report;
    }

    public StepStatus status(String stepId) {
        return step(stepId).status();
    }

    /** The steps that failed, with their exceptions. */
    public List<StepReport> failures() {
        return steps.values().stream().filter(r -> r.status() == StepStatus.FAILED).toList();
    }

    /** The ids of the steps with the given status, in plan order. */
    public List<String> stepsWithStatus(StepStatus status) {
        return steps.values().stream().filter(r -> r.status() == status).map(StepReport::stepId).toList();
    }

    /** The value materialized for an unpartitioned asset. */
    public Object value(AssetKey asset) {
        return value(asset, "");
    }

    /**
     * The value materialized by this run for one asset partition.
     *
     * @throws IllegalArgumentException naming the asset and partition when this run stored no such value in memory
     */
    public Object value(AssetKey asset, String partitionKey) {
        Map<String, Object> byPartition = values.get(asset);
        if (byPartition == null || !byPartition.containsKey(partitionKey)) {
            throw new IllegalArgumentException("Run '" + runId + "' materialized no in-memory value of asset '"
                    + asset + "'" + (partitionKey.isEmpty() ? "" : " partition '" + partitionKey + "'")
                    + (byPartition == null ? "" : " (it did for partitions " + byPartition.keySet() + ")"));
        }
        return byPartition.get(partitionKey);
    }

    public StepCounts counts() {
        int[] n = new int[StepStatus.values().length];
        steps.values().forEach(r -> n[r.status().ordinal()]++);
        return new StepCounts(n[StepStatus.SUCCEEDED.ordinal()], n[StepStatus.CHECK_FAILED.ordinal()],
                n[StepStatus.FAILED.ordinal()], n[StepStatus.SKIPPED.ordinal()], n[StepStatus.CANCELED.ordinal()],
                n[StepStatus.NOT_RUN.ordinal()], n[StepStatus.COMPLETED_EARLIER.ordinal()]);
    }
}
