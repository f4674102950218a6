package dev.peloton.runtime;

import dev.peloton.runtime.storage.EventStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Deletes events older than {@code peloton.events.retention-days}, at start and then hourly. */
public final class EventRetention implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EventRetention.class);

    private final EventStorage events;
    private final Duration retention;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public EventRetention(EventStorage events, Duration retention, Clock clock) {
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("Event retention must be positive, got " + retention);
        }
        this.events = events;
        this.retention = retention;
        this.clock = clock;
    }

    /** Deletes the events that are past retention now; returns how many. */
    public long deleteExpired() {
        Instant cutoff = clock.instant().minus(retention);
        long deleted = events.deleteOlderThan(cutoff);
        if (deleted > 0) {
            LOG.info("Deleted {} events older than {} (peloton.events.retention-days)", deleted, cutoff);
        }
        return deleted;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peloton-event-retention");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::deleteExpiredLogged, 0, 1, TimeUnit.HOURS);
    }

    private void deleteExpiredLogged() {
        try {
            deleteExpired();
        } catch (RuntimeException e) {
            LOG.warn("Could not delete expired events; will try again in an hour", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
