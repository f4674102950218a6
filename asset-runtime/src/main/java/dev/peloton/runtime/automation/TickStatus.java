package dev.peloton.runtime.automation;

/** The outcome of a tick. STARTED is a tick in progress, or one whose node died during it. */
public enum TickStatus {
    STARTED,
    SKIPPED,
    SUCCESS,
    FAILURE
}
