package dev.peloton.runtime.automation;

/**
 * Told about runs that ended. Peloton's run-status sensor ({@link RunStatusSensors#onFailure}) calls the
 * listeners for each failed run, once per run across the cluster; a worker may also call them directly when a run
 * ends. Implementations must return quickly: do slow work (HTTP) asynchronously.
 */
@FunctionalInterface
public interface RunFinishedListener {

    void runFinished(FinishedRun run);
}
