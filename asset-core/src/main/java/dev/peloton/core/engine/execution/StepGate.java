package dev.peloton.core.engine.execution;

/**
 * Asked before the results of a step are committed (its materializations recorded and reported). The runtime
 * checks its fencing token here, so that a worker that lost its claim on a run cannot record results over the
 * worker that took the run over. A step with several partitions, computed one at a time, asks once per
 * partition.
 *
 * <p>A refusal (returning {@code false} or throwing) fails the step without retry and stops the run: no further
 * step starts and the run ends in {@code FAILURE}.
 */
@FunctionalInterface
public interface StepGate {

    /** Allows every commit. */
    StepGate ALWAYS = (runId, stepId) -> true;

    /** Whether the step may commit its results now. */
    boolean mayCommit(String runId, String stepId) throws Exception;
}
