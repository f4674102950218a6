package dev.peloton.core.engine.execution;

/** How a step of a run ended. */
public enum StepStatus {
    /** Every asset partition of the step was materialized and no blocking check failed. */
    SUCCEEDED,
    /** The step materialized its assets but a blocking check failed: the steps downstream were skipped. */
    CHECK_FAILED,
    /** The step failed after its retries (or its commit was refused). */
    FAILED,
    /** The step did not run because a step or blocking check upstream failed. */
    SKIPPED,
    /** The step was running or waiting to retry when the run was canceled. */
    CANCELED,
    /** The step never started: the run was canceled or aborted first. */
    NOT_RUN,
    /** The step was given as completed by an earlier attempt of the run (resume) and did not run again. */
    COMPLETED_EARLIER;

    /** Whether steps downstream of a step ending this way may run. */
    public boolean letsDownstreamRun() {
        return this == SUCCEEDED || this == COMPLETED_EARLIER;
    }
}
