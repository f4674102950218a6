package dev.peloton.runtime.worker;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The runs this worker holds, by id, and the signal that lets a stopping worker wait for them to end. */
final class ActiveRuns {

    private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
    private final Object idle = new Object();

    void put(ActiveRun run) {
        active.put(run.id, run);
    }

    ActiveRun get(String id) {
        return active.get(id);
    }

    void remove(String id) {
        active.remove(id);
    }

    Collection<ActiveRun> values() {
        return active.values();
    }

    int size() {
        return active.size();
    }

    /** Wakes a {@link #awaitEmpty} waiting for the runs to end. */
    void signalIdle() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /** Waits until no run is held or the deadline ({@link System#nanoTime()}) passes. */
    void awaitEmpty(long deadline) {
        synchronized (idle) {
            long left;
            while (!active.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }
}
