package dev.peloton.core.engine.event;

/** How a run ended. */
public enum RunOutcome {
    /** Every step succeeded (or had completed in an earlier attempt of the run). */
    SUCCESS,
    /** A step failed after its retries, a blocking check failed, or a step could not commit its results. */
    FAILURE,
    /** The run was canceled before every step had finished. */
    CANCELED
}
