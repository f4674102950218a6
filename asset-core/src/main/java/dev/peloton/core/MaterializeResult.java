package dev.peloton.core;

import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.execution.RunResult;
import dev.peloton.core.engine.execution.StepReport;
import dev.peloton.core.engine.plan.Plan;
import java.util.List;
import java.util.Map;

/**
 * What one {@link Materialize} call did: the plan, the outcome, the values produced, every event, the failures.
 *
 * @param plan   the plan that ran (its {@code skipped} says what memoization left out)
 * @param run    the executor's report, step by step
 * @param events every event of the run, in the order they happened
 */
public record MaterializeResult(Plan plan, RunResult run, List<RunEvent> events) {

    public MaterializeResult {
        events = List.copyOf(events);
    }

    /** Whether every step succeeded and no blocking check failed. */
    public boolean success() {
        return run.outcome() == RunOutcome.SUCCESS;
    }

    public RunOutcome outcome() {
        return run.outcome();
    }

    /** The value this run produced for an unpartitioned asset. */
    @SuppressWarnings("unchecked")
    public <T> T value(String asset) {
        return (T) run.value(AssetKey.parse(asset));
    }

    /**
     * The value this run produced for one asset partition.
     *
     * @throws IllegalArgumentException naming the asset and partition when this run produced no such value
     */
    @SuppressWarnings("unchecked")
    public <T> T value(String asset, String partitionKey) {
        return (T) run.value(AssetKey.parse(asset), partitionKey);
    }

    /** The values this run produced for an asset, by partition key. */
    public Map<String, Object> values(String asset) {
        return run.values().getOrDefault(AssetKey.parse(asset), Map.of());
    }

    /** The materializations recorded, with data versions and metadata. */
    public List<RunEvent.Materialization> materializations() {
        return eventsOf(RunEvent.Materialization.class);
    }

    /** The materializations of one asset. */
    public List<RunEvent.Materialization> materializations(String asset) {
        AssetKey key = AssetKey.parse(asset);
        return materializations().stream().filter(m -> m.asset().equals(key)).toList();
    }

    /** The check evaluations. */
    public List<RunEvent.CheckEvaluated> checks() {
        return eventsOf(RunEvent.CheckEvaluated.class);
    }

    /** The steps that failed, each with its exception. */
    public List<StepReport> failures() {
        return run.failures();
    }

    /** The events of one type, e.g. {@code eventsOf(RunEvent.LogLine.class)}. */
    public <E extends RunEvent> List<E> eventsOf(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
