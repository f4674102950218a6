package dev.peloton.core.engine.execution;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * How one run is started.
 *
 * @param runId          the run's id; a random UUID by default
 * @param completedSteps ids of steps an earlier attempt of this run completed: they do not run again and count as
 *                       succeeded for the steps after them (the runtime resumes a run this way)
 * @param gate           asked before each step commits its results
 */
public record RunOptions(String runId, Set<String> completedSteps, StepGate gate) {

    public RunOptions {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("A run needs an id, got '" + runId + "'");
        }
        completedSteps = Set.copyOf(completedSteps == null ? Set.of() : completedSteps);
        gate = gate == null ? StepGate.ALWAYS : gate;
    }

    /** A fresh run id, nothing completed, every commit allowed. */
    public static RunOptions defaults() {
        return new RunOptions(UUID.randomUUID().toString(), Set.of(), StepGate.ALWAYS);
    }

    public static RunOptions withRunId(String runId) {
        return new RunOptions(runId, Set.of(), StepGate.ALWAYS);
    }

    public RunOptions runId(String id) {
        return new RunOptions(id, completedSteps, gate);
    }

    public RunOptions completedSteps(Set<String> steps) {
        return new RunOptions(runId, steps, gate);
    }

    public RunOptions gate(StepGate stepGate) {
        return new RunOptions(runId, completedSteps, Objects.requireNonNull(stepGate, "gate"));
    }
}
