package dev.peloton.core.engine.execution;

import java.util.Map;

/**
 * Bounds how many steps of one concurrency pool ({@code AssetDefinition.pool()}) run at once. The executor takes a
 * permit before a step of a pool starts and gives it back when the step's attempt ends. The in-process limit is
 * {@link #local}; the runtime provides a cluster-wide implementation backed by PostgreSQL.
 *
 * <p>Implementations are thread-safe. {@link #acquire} may block; it must give up with
 * {@link InterruptedException} when the waiting thread is interrupted (the executor interrupts waiting steps when
 * a run is canceled).
 */
public interface PoolLimiter {

    /**
     * Waits for a permit of {@code pool}.
     *
     * @param runId  the run the step belongs to (for a cluster-wide limiter's bookkeeping)
     * @param stepId the step that will hold the permit
     */
    Permit acquire(String pool, String runId, String stepId) throws InterruptedException;

    /** A held permit; closing it gives it back. Closing twice gives it back once. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** No pool is limited. */
    static PoolLimiter unlimited() {
        return (pool, runId, stepId) -> () -> {
        };
    }

    /**
     * At most {@code limits.get(pool)} steps of each named pool at once in this process; pools without a limit are
     * not limited.
     *
     * @throws IllegalArgumentException when a limit is below 1, naming the pool
     */
    static PoolLimiter local(Map<String, Integer> limits) {
        return new LocalPoolLimiter(limits);
    }
}
