package dev.peloton.runtime.backfill;

/**
 * The life of a backfill: REQUESTED (stored, nothing submitted), SUBMITTING (the daemon is queueing its runs),
 * RUNNING (every run queued, some not ended), then COMPLETED (every partition succeeded or was up to date) or
 * FAILED; a cancel goes through CANCELING (runs being stopped) to CANCELED.
 */
public enum BackfillStatus {
    REQUESTED,
    SUBMITTING,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELING,
    CANCELED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }
}
