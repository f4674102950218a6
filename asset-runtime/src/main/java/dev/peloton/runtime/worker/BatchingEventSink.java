package dev.peloton.runtime.worker;

import dev.peloton.core.engine.event.EventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.NewEvent;
import dev.peloton.runtime.storage.StepStorage;
import dev.peloton.runtime.storage.StepStorage.StepChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes run events to the event log in batches: a step never waits for the database, events are written every
 * flush interval or as soon as a batch is full, and the worker {@link #flush() flushes} before each change of a
 * run's status. Each write also updates the steps' rows, in the same transaction, and only for runs whose fencing
 * token is still the one this worker holds: a worker that lost a run adds nothing to its history.
 */
final class BatchingEventSink implements EventSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingEventSink.class);

    private final EventStorage events;
    private final StepStorage steps;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RunEventCodec codec = new RunEventCodec();
    private final Duration interval;
    private final int batchSize;
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();

    private final ReentrantLock bufferLock = new ReentrantLock();
    private final Condition full = bufferLock.newCondition();
    private List<RunEvent> buffer = new ArrayList<>();
    private boolean closed;
    // Only one writer at a time, so events reach the log in the order they were accepted.
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Thread flusher;

    BatchingEventSink(DataSource dataSource, EventStorage events, StepStorage steps, Duration interval,
            int batchSize) {
        this.events = events;
        this.steps = steps;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.interval = interval;
        this.batchSize = batchSize;
        this.flusher = Thread.ofPlatform().daemon().name("peloton-event-flusher").unstarted(this::flushLoop);
    }

    void start() {
        flusher.start();
    }

    /** From now on, events of {@code runId} are written while its fencing token is {@code fencingToken}. */
    void register(String runId, long fencingToken) {
        tokens.put(runId, fencingToken);
    }

    void unregister(String runId) {
        tokens.remove(runId);
    }

    @Override
    public void accept(RunEvent event) {
        bufferLock.lock();
        try {
            buffer.add(event);
            if (buffer.size() >= batchSize) {
                full.signal();
            }
        } finally {
            bufferLock.unlock();
        }
    }

    private void flushLoop() {
        while (true) {
            bufferLock.lock();
            try {
                if (closed) {
                    return;
                }
                if (buffer.size() < batchSize) {
                    full.await(interval.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                bufferLock.unlock();
            }
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.error("Could not write run events; they are lost", e);
            }
        }
    }

    /** Writes every event accepted so far, before returning. */
    void flush() {
        writeLock.lock();
        try {
            List<RunEvent> batch;
            bufferLock.lock();
            try {
                if (buffer.isEmpty()) {
                    return;
                }
                batch = buffer;
                buffer = new ArrayList<>(Math.max(16, batch.size()));
            } finally {
                bufferLock.unlock();
            }
            write(batch);
        } finally {
            writeLock.unlock();
        }
    }

    private void write(List<RunEvent> batch) {
        tx.executeWithoutResult(status -> {
            Map<String, Boolean> holds = holding(batch);
            List<NewEvent> newEvents = new ArrayList<>(batch.size());
            List<StepChange> changes = new ArrayList<>();
            int dropped = 0;
            for (RunEvent e : batch) {
                if (!holds.getOrDefault(e.runId(), false)) {
                    dropped++;
                    continue;
                }
                newEvents.add(codec.toNewEvent(e));
                StepChange change = codec.stepChange(e);
                if (change != null) {
                    changes.add(change);
                }
            }
            events.append(newEvents);
            steps.apply(changes);
            if (dropped > 0) {
                LOG.warn("Dropped {} events of runs this worker no longer holds", dropped);
            }
        });
    }

    /** Which runs of the batch this worker still holds; their rows stay share-locked until the write commits. */
    private Map<String, Boolean> holding(List<RunEvent> batch) {
        Map<String, Long> wanted = new HashMap<>();
        for (RunEvent e : batch) {
            Long token = tokens.get(e.runId());
            if (token != null) {
                wanted.putIfAbsent(e.runId(), token);
            }
        }
        Map<String, Boolean> holds = new HashMap<>();
        if (wanted.isEmpty()) {
            return holds;
        }
        UUID[] ids = wanted.keySet().stream().map(UUID::fromString).toArray(UUID[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT id::text, fencing_token FROM runs WHERE id = ANY(?) FOR SHARE");
            ps.setArray(1, con.createArrayOf("uuid", ids));
            return ps;
        }, rs -> {
            holds.put(rs.getString(1), wanted.get(rs.getString(1)) == rs.getLong(2));
        });
        return holds;
    }

    @Override
    public void close() {
        bufferLock.lock();
        try {
            closed = true;
            full.signal();
        } finally {
            bufferLock.unlock();
        }
        try {
            flusher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
