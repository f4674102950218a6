package dev.peloton.runtime.worker;

import dev.peloton.core.engine.execution.PoolLimiter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Concurrency pools limited across the cluster ({@code peloton.pools.<name>=N}): the {@code pool_slots} table has
 * one row per slot of each pool, and a step holds a row while it runs. A free row is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so claimers on any node never wait on each other; a step that finds no free slot
 * waits, woken at once by a release on this node and retrying every {@value #RETRY_MILLIS} ms for releases on
 * others. Slots of runs that were taken over or ended are freed by {@link #releaseAbandoned()}.
 */
public final class PostgresPoolLimiter implements PoolLimiter {

    static final long RETRY_MILLIS = 50;
    private static final Permit NO_PERMIT = () -> {
    };

    private final JdbcClient jdbc;
    private final Map<String, Integer> limits;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();

    public PostgresPoolLimiter(DataSource dataSource, Map<String, Integer> limits) {
        this.jdbc = JdbcClient.create(dataSource);
        this.limits = new TreeMap<>(limits);
        this.limits.forEach((pool, limit) -> {
            if (pool == null || pool.isBlank()) {
                throw new IllegalArgumentException("A pool limit needs a pool name, got '" + pool + "'");
            }
            if (limit == null || limit < 1) {
                throw new IllegalArgumentException("The limit of pool '" + pool + "' must be at least 1, was "
                        + limit);
            }
            // Nodes configured with different limits share the rows; each uses the slots below its own limit.
            jdbc.sql("INSERT INTO pool_slots (pool, slot) SELECT :pool, s FROM generate_series(0, :limit - 1) s"
                            + " ON CONFLICT DO NOTHING")
                    .param("pool", pool).param("limit", limit)
                    .update();
        });
    }

    public Map<String, Integer> limits() {
        return Map.copyOf(limits);
    }

    @Override
    public Permit acquire(String pool, String runId, String stepId) throws InterruptedException {
        Integer limit = limits.get(pool);
        if (limit == null) {
            return NO_PERMIT;
        }
        while (true) {
            Optional<Integer> slot = tryClaim(pool, limit, runId, stepId);
            if (slot.isPresent()) {
                return permit(pool, slot.get(), runId, stepId);
            }
            lock.lockInterruptibly();
            try {
                released.await(RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } finally {
                lock.unlock();
            }
        }
    }

    private Optional<Integer> tryClaim(String pool, int limit, String runId, String stepId) {
        return jdbc.sql("""
                        UPDATE pool_slots p SET run_id = :run, step_id = :step, acquired_at = clock_timestamp(),
                            fencing_token = (SELECT fencing_token FROM runs WHERE id = :run)
                        WHERE (p.pool, p.slot) = (
                            SELECT pool, slot FROM pool_slots
                            WHERE pool = :pool AND slot < :limit AND run_id IS NULL
                            ORDER BY slot LIMIT 1
                            FOR UPDATE SKIP LOCKED)
                        RETURNING p.slot""")
                .param("run", UUID.fromString(runId)).param("step", stepId).param("pool", pool)
                .param("limit", limit)
                .query(Integer.class)
                .optional();
    }

    private Permit permit(String pool, int slot, String runId, String stepId) {
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                jdbc.sql("UPDATE pool_slots SET run_id = NULL, step_id = NULL, fencing_token = NULL,"
                                + " acquired_at = NULL WHERE pool = :pool AND slot = :slot AND run_id = :run"
                                + " AND step_id = :step")
                        .param("pool", pool).param("slot", slot).param("run", UUID.fromString(runId))
                        .param("step", stepId)
                        .update();
                lock.lock();
                try {
                    released.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    /**
     * Frees the slots held for runs that ended, or that were claimed again since (their holder died or lost the
     * run); returns how many.
     */
    public int releaseAbandoned() {
        return jdbc.sql("""
                        UPDATE pool_slots p SET run_id = NULL, step_id = NULL, fencing_token = NULL, acquired_at = NULL
                        WHERE p.run_id IS NOT NULL AND NOT EXISTS (
                            SELECT 1 FROM runs r WHERE r.id = p.run_id AND r.fencing_token = p.fencing_token
                            AND r.status IN ('STARTING', 'RUNNING', 'CANCELING'))""")
                .update();
    }
}
