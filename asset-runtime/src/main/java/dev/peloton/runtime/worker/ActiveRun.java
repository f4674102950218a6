package dev.peloton.runtime.worker;

import dev.peloton.core.engine.execution.RunHandle;

/** A run this worker holds. */
final class ActiveRun {
    final String id;
    final long token;
    volatile boolean lost;
    private RunHandle handle;
    private boolean cancelRequested;

    ActiveRun(String id, long token) {
        this.id = id;
        this.token = token;
    }

    synchronized void started(RunHandle h) {
        this.handle = h;
        if (cancelRequested) {
            h.cancel();
        }
    }

    synchronized void cancel() {
        cancelRequested = true;
        if (handle != null) {
            handle.cancel();
        }
    }

    synchronized boolean isCancelRequested() {
        return cancelRequested;
    }
}
