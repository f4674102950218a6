package dev.peloton.runtime.worker;

import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's heartbeat pass: renews the claim of every run it holds, stops the runs it no longer holds, and
 * cancels the runs whose cancel it missed.
 */
final class RunHeartbeats implements Runnable {

    // The worker's logger, so its log lines keep their name whichever class writes them.
    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);

    private final String workerId;
    private final RunStorage runs;
    private final ActiveRuns active;
    private volatile Instant lastHeartbeatAt;

    RunHeartbeats(String workerId, RunStorage runs, ActiveRuns active) {
        this.workerId = workerId;
        this.runs = runs;
        this.active = active;
    }

    /** When the heartbeat pass last completed, or {@code null} before the first one. */
    Instant lastHeartbeatAt() {
        return lastHeartbeatAt;
    }

    @Override
    public void run() {
        for (ActiveRun run : active.values()) {
            if (!run.lost && !runs.heartbeat(run.id, run.token)) {
                run.lost = true;
                LOG.warn("Run {} is no longer held by worker {}: stopping it here", run.id, workerId);
                run.cancel();
            }
        }
        // Cancels announced while this node was not listening are seen here.
        for (ActiveRun run : active.values()) {
            if (!run.isCancelRequested() && runs.find(run.id).map(r -> r.status() == RunStatus.CANCELING)
                    .orElse(false)) {
                run.cancel();
            }
        }
        lastHeartbeatAt = Instant.now();
    }
}
