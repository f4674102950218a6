package dev.peloton.core.engine.execution;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link PoolLimiter} for one process: a fair semaphore per limited pool. */
final class LocalPoolLimiter implements PoolLimiter {

    private static final Permit NO_PERMIT = () -> {
    };

    private final Map<String, Semaphore> semaphores;

    LocalPoolLimiter(Map<String, Integer> limits) {
        this.semaphores = new HashMap<>(limits.size() * 2);
        limits.forEach((pool, limit) -> {
            if (pool == null || pool.isBlank()) {
                throw new IllegalArgumentException("A pool limit needs a pool name, got '" + pool + "'");
            }
            if (limit == null || limit < 1) {
                throw new IllegalArgumentException("The limit of pool '" + pool + "' must be at least 1, was "
                        + limit);
            }
            semaphores.put(pool, new Semaphore(limit, true));
        });
    }

    @Override
    public Permit acquire(String pool, String runId, String stepId) throws InterruptedException {
        Semaphore semaphore = semaphores.get(pool);
        if (semaphore == null) {
            return NO_PERMIT;
        }
        semaphore.acquire();
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                semaphore.release();
            }
        };
    }
}
