package dev.peloton.runtime.engine;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of runs and workers, under {@code peloton.*}.
 *
 * @param runs      how runs are executed on each node
 * @param workers   how nodes claim, heartbeat and take over runs
 * @param pools     cluster-wide limits of concurrency pools: {@code peloton.pools.warehouse=2}
 * @param resources resources by name, each naming a bean: {@code peloton.resources.weather=weatherClient}
 */
@ConfigurationProperties("peloton")
public record PelotonEngineProperties(
        @DefaultValue Runs runs,
        @DefaultValue Workers workers,
        Map<String, Integer> pools,
        Map<String, String> resources) {

    public PelotonEngineProperties {
        pools = pools == null ? Map.of() : Map.copyOf(pools);
        resources = resources == null ? Map.of() : Map.copyOf(resources);
        pools.forEach((name, limit) -> {
            if (limit == null || limit < 1) {
                throw new IllegalArgumentException("peloton.pools." + name + " must be at least 1, got " + limit);
            }
        });
    }

    /**
     * @param maxConcurrent       runs one node executes at once
     * @param maxConcurrentSteps  step attempts one node executes at once, across its runs
     * @param eventFlushInterval  how long events may wait in memory before they are written
     * @param eventBatchSize      events that trigger a write before the interval ends
     */
    public record Runs(
            @DefaultValue("8") int maxConcurrent,
            @DefaultValue("16") int maxConcurrentSteps,
            @DefaultValue("20ms") Duration eventFlushInterval,
            @DefaultValue("500") int eventBatchSize) {

        public Runs {
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("peloton.runs.max-concurrent must be at least 1, got "
                        + maxConcurrent);
            }
            if (maxConcurrentSteps < 1) {
                throw new IllegalArgumentException("peloton.runs.max-concurrent-steps must be at least 1, got "
                        + maxConcurrentSteps);
            }
            requirePositive(eventFlushInterval, "peloton.runs.event-flush-interval");
            if (eventBatchSize < 1) {
                throw new IllegalArgumentException("peloton.runs.event-batch-size must be at least 1, got "
                        + eventBatchSize);
            }
        }
    }

    /**
     * @param enabled           whether this node executes runs (a node that only serves the UI can turn it off)
     * @param heartbeatInterval how often a worker records that its runs are alive and checks for cancels
     * @param deadAfter         a run whose heartbeat is older than this is taken over by another worker
     * @param reapInterval      how often each node looks for such runs
     * @param pollInterval      how often an idle worker looks for queued runs without being notified
     */
    public record Workers(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5s") Duration heartbeatInterval,
            @DefaultValue("30s") Duration deadAfter,
            @DefaultValue("10s") Duration reapInterval,
            @DefaultValue("5s") Duration pollInterval) {

        public Workers {
            requirePositive(heartbeatInterval, "peloton.workers.heartbeat-interval");
            requirePositive(deadAfter, "peloton.workers.dead-after");
            requirePositive(reapInterval, "peloton.workers.reap-interval");
            requirePositive(pollInterval, "peloton.workers.poll-interval");
        }
    }

    private static void requirePositive(Duration d, String property) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(property + " must be a positive duration, got " + d);
        }
    }
}
