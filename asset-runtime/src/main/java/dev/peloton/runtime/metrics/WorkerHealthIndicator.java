package dev.peloton.runtime.metrics;

import dev.peloton.runtime.worker.RunWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * This node's worker: UP while it runs and its heartbeat pass is recent; DOWN when it stopped, or when its
 * heartbeat is older than {@code peloton.workers.dead-after} (other nodes are taking its runs over by then).
 * Details: the worker id, runs held now and the maximum, the last heartbeat.
 */
public final class WorkerHealthIndicator implements HealthIndicator {

    private final RunWorker worker;
    private final Clock clock;

    public WorkerHealthIndicator(RunWorker worker, Clock clock) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public WorkerHealthIndicator(RunWorker worker) {
        this(worker, Clock.systemUTC());
    }

    @Override
    public Health health() {
        Instant heartbeat = worker.lastHeartbeatAt();
        Instant started = worker.startedAt();
        Health.Builder b = worker.isRunning() ? Health.up() : Health.down().withDetail("reason", "the worker is not running");
        b.withDetail("workerId", worker.workerId())
                .withDetail("claimedRuns", worker.activeRunCount())
                .withDetail("maxConcurrentRuns", worker.maxConcurrentRuns());
        if (started != null) {
            b.withDetail("startedAt", started.toString());
        }
        b.withDetail("lastHeartbeat", heartbeat == null ? "none yet" : heartbeat.toString());
        Instant last = heartbeat != null ? heartbeat : started;
        Duration deadAfter = worker.settings().deadAfter();
        if (worker.isRunning() && last != null && Duration.between(last, clock.instant()).compareTo(deadAfter) > 0) {
            b.down().withDetail("reason", "no heartbeat for more than " + deadAfter
                    + " (peloton.workers.dead-after): other nodes take this node's runs over");
        }
        return b.build();
    }
}
