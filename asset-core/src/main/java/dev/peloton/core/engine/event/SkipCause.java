package dev.peloton.core.engine.event;

/** Why a step of a run did not run. */
public enum SkipCause {
    /** A step it depends on (directly or transitively) failed after its retries. */
    UPSTREAM_FAILED,
    /** A blocking check of an asset it depends on (directly or transitively) failed. */
    BLOCKING_CHECK_FAILED,
    /** The run was canceled before the step started. */
    RUN_CANCELED,
    /** The run stopped because a step was refused the right to commit (see {@code StepGate}). */
    RUN_ABORTED
}
