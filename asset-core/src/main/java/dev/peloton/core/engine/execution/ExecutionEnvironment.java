package dev.peloton.core.engine.execution;

import dev.peloton.core.engine.event.EventSink;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.core.engine.state.AssetStateStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import org.slf4j.event.Level;

/**
 * What every run of one executor shares.
 *
 * @param threads     runs each step attempt on a thread of its own (virtual threads)
 * @param slots       bounds the step attempts running at once across all runs of the executor
 * @param scheduler   fires retries and cancellation grace periods; never runs asset code
 * @param random      jitter for retry delays; used under its own lock
 * @param eventLevel  the lowest level of {@code AssetContext.log()} lines recorded as events
 */
record ExecutionEnvironment(AssetGraph graph, AssetStateStorage storage, IOManagerRegistry ioManagers,
        EventSink sink, PoolLimiter poolLimiter, Map<String, Object> resources, Clock clock,
        ExecutorService threads, Semaphore slots, ScheduledExecutorService scheduler, RandomGenerator random,
        Duration cancelGracePeriod, Level eventLevel) {
}
