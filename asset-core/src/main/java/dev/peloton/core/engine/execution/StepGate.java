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

    /**
     * Runs {@code commit} (recording the step's materializations) if the step may commit, and says whether it did.
     * A runtime whose storage is transactional overrides this to decide and commit in one transaction, holding a
     * lock on the run, so that a takeover cannot land between the decision and the writes. An exception thrown by
     * {@code commit} propagates unchanged.
     */
    default boolean commitIfAllowed(String runId, String stepId, Runnable commit) throws Exception {
        if (!mayCommit(runId, stepId)) {
            return false;
        }
        commit.run();
        return true;
    }
}
