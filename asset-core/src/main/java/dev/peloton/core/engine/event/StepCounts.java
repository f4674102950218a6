package dev.peloton.core.engine.event;

/**
 * How the steps of a run ended.
 *
 * @param succeeded        steps that materialized their assets and whose blocking checks passed
 * @param checkFailed      steps that materialized their assets but had a blocking check fail
 * @param failed           steps that failed after their retries
 * @param skipped          steps not run because something upstream failed
 * @param canceled         steps stopped by a cancellation while running or waiting to retry
 * @param notRun           steps never started because the run was canceled or aborted
 * @param completedEarlier steps skipped because an earlier attempt of the run had completed them
 */
public record StepCounts(int succeeded, int checkFailed, int failed, int skipped, int canceled, int notRun,
        int completedEarlier) {

    public int total() {
        return succeeded + checkFailed + failed + skipped + canceled + notRun + completedEarlier;
    }
}
