package dev.peloton.runtime.backfill;

import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.worker.RunNotifications;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Submits the runs of backfills, on every node. Each batch of chunks is one transaction that locks the backfill
 * row ({@code SKIP LOCKED}: a backfill another node is working on is left to it), queues the batch's runs through
 * {@link RunCoordinator#submitAll} and moves the backfill's submission cursor. A node that dies mid-batch rolls
 * the batch back; the next node continues from the cursor. Run keys {@code backfill:<id>:<chunk>} make even a
 * replayed batch start no second run. Backfills whose runs are all queued are settled once their runs end.
 *
 * <p>Once started it makes a pass every poll interval, and at once when a backfill is created: on this node the
 * {@link BackfillService} calls {@link #wake}, other nodes hear of it on the {@link BackfillService#CHANNEL}
 * notification channel. As a Spring {@link SmartLifecycle} bean it starts with the context and stops with it.
 */
public final class BackfillDaemon implements SmartLifecycle, AutoCloseable {

    /** The poll interval of a daemon started by its lifecycle without one. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(BackfillDaemon.class);

    /** Called after each committed batch; tests use it to stop a daemon half way, as a node that dies would. */
    @FunctionalInterface
    public interface BatchListener {
        void afterBatch(String backfillId, long fromChunk, long toChunk);

        BatchListener NONE = (id, from, to) -> {
        };
    }

    private final AssetGraph graph;
    private final RunCoordinator coordinator;
    private final BackfillService service;
    private final BackfillStorage storage;
    private final TransactionTemplate tx;
    private final int batchSize;
    private final BatchListener listener;
    private final DataSource dataSource;
    private final Duration pollInterval;
    /** A woken pass is queued and has not begun: further wake-ups are covered by it. */
    private final AtomicBoolean wakePending = new AtomicBoolean();
    // Read without the lock by wake(), which must never wait for a close in progress.
    private volatile ScheduledExecutorService timer;
    private RunNotifications notifications;

    public BackfillDaemon(DataSource dataSource, AssetGraph graph, RunCoordinator coordinator, BackfillService service,
            int batchSize, BatchListener listener) {
        this(dataSource, graph, coordinator, service, batchSize, listener, DEFAULT_POLL_INTERVAL);
    }

    /**
     * @param batchSize    runs queued per transaction
     * @param listener     called after each committed batch, or {@code null}
     * @param pollInterval how often {@link #start()} makes a pass when nothing wakes it
     */
    public BackfillDaemon(DataSource dataSource, AssetGraph graph, RunCoordinator coordinator, BackfillService service,
            int batchSize, BatchListener listener, Duration pollInterval) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("A backfill batch holds at least one run, got " + batchSize);
        }
        if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("The backfill daemon's poll interval must be a positive duration, got "
                    + pollInterval);
        }
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.pollInterval = pollInterval;
        this.graph = Objects.requireNonNull(graph, "graph");
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.service = Objects.requireNonNull(service, "service");
        this.storage = service.storage();
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.batchSize = batchSize;
        this.listener = listener == null ? BatchListener.NONE : listener;
        service.addListener(this::wake);
    }

    /** One pass over the unfinished backfills: submits what is left to submit, settles what has ended. */
    public void runOnce() {
        for (String id : storage.active()) {
            BackfillRecord b = storage.find(id).orElse(null);
            if (b == null) {
                continue;
            }
            switch (b.status()) {
                case REQUESTED, SUBMITTING -> submit(id);
                case RUNNING, CANCELING -> service.settle(id);
                default -> {
                }
            }
        }
    }

    private record Batch(long from, long to, boolean done) {
    }

    /** Submits the remaining chunks of a backfill, batch by batch, while this node holds it. */
    void submit(String id) {
        while (!Thread.currentThread().isInterrupted()) {
            Batch batch;
            try {
                batch = tx.execute(status -> nextBatch(id).orElse(null));
            } catch (IllegalArgumentException e) {
                // The engine rejected a chunk (an asset or a key no longer exists): retrying will not help.
                log.warn("Backfill {} failed while submitting its runs: {}", id, e.getMessage());
                tx.executeWithoutResult(status -> storage.setStatus(id, BackfillStatus.FAILED,
                        "Submitting runs failed: " + e.getMessage()));
                return;
            }
            if (batch == null) {
                return;
            }
            listener.afterBatch(id, batch.from(), batch.to());
            if (batch.done()) {
                // Chunks that needed no run may leave nothing to wait for.
                service.settle(id);
                return;
            }
        }
    }

    private Optional<Batch> nextBatch(String id) {
        Optional<BackfillRecord> locked = storage.tryLock(id);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        BackfillRecord b = locked.get();
        if (b.status() != BackfillStatus.REQUESTED && b.status() != BackfillStatus.SUBMITTING) {
            return Optional.empty();
        }
        long from = b.submittedChunks();
        long to = Math.min(b.numChunks(), from + batchSize);
        if (from < to) {
            coordinator.submitAll(new BackfillRuns(graph, b).requests(from, to));
        }
        boolean done = to == b.numChunks();
        storage.advance(id, to, done ? BackfillStatus.RUNNING : BackfillStatus.SUBMITTING);
        return Optional.of(new Batch(from, to, done));
    }

    /** Starts with the configured poll interval (see {@link #start(Duration)}). */
    @Override
    public void start() {
        start(pollInterval);
    }

    /**
     * Runs {@link #runOnce} every {@code interval} on a thread of its own, and as soon as {@link #wake} is called
     * or another node announces a backfill, until {@link #close}.
     */
    public synchronized void start(Duration interval) {
        if (timer != null) {
            return;
        }
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "peloton-backfill-daemon");
            thread.setDaemon(true);
            return thread;
        });
        t.scheduleWithFixedDelay(() -> pass(interval), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        timer = t;
        notifications = new RunNotifications(dataSource, BackfillService.CHANNEL, "peloton-backfill-listener",
                id -> wake(), this::wake);
        notifications.start();
    }

    /**
     * Asks for a pass now, on the daemon's thread; does nothing when the daemon is not started. Wake-ups while a
     * woken pass is waiting to begin are covered by it.
     */
    public void wake() {
        ScheduledExecutorService t = timer;
        if (t == null || !wakePending.compareAndSet(false, true)) {
            return;
        }
        try {
            t.execute(() -> {
                wakePending.set(false);
                pass(pollInterval);
            });
        } catch (RejectedExecutionException e) {
            // Closing: nothing more to do.
            wakePending.set(false);
        }
    }

    private void pass(Duration interval) {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // The next pass continues from the stored cursor.
            log.warn("Backfill daemon pass failed; retrying in {}", interval, e);
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    @Override
    public void stop() {
        close();
    }

    /** Stops the daemon: a batch in flight commits or rolls back as a whole, and the next pass (on any node) continues from the stored cursor. */
    @Override
    public synchronized void close() {
        if (notifications != null) {
            notifications.close();
            notifications = null;
        }
        ScheduledExecutorService t = timer;
        if (t != null) {
            timer = null;
            t.shutdownNow();
            try {
                if (!t.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("The backfill daemon did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
