package dev.peloton.runtime.backfill;

import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.run.RunCoordinator;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Submits the runs of backfills, on every node. Each batch of chunks is one transaction that locks the backfill
 * row ({@code SKIP LOCKED}: a backfill another node is working on is left to it), queues the batch's runs through
 * {@link RunCoordinator#submitAll} and moves the backfill's submission cursor. A node that dies mid-batch rolls
 * the batch back; the next node continues from the cursor. Run keys {@code backfill:<id>:<chunk>} make even a
 * replayed batch start no second run. Backfills whose runs are all queued are settled once their runs end.
 */
public final class BackfillDaemon implements AutoCloseable {

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
    private ScheduledExecutorService timer;

    public BackfillDaemon(DataSource dataSource, AssetGraph graph, RunCoordinator coordinator, BackfillService service,
            int batchSize, BatchListener listener) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("A backfill batch holds at least one run, got " + batchSize);
        }
        this.graph = Objects.requireNonNull(graph, "graph");
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.service = Objects.requireNonNull(service, "service");
        this.storage = service.storage();
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.batchSize = batchSize;
        this.listener = listener == null ? BatchListener.NONE : listener;
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

    /** Runs {@link #runOnce} every {@code interval} on a thread of its own until {@link #close}. */
    public synchronized void start(Duration interval) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peloton-backfill-daemon");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                // The next pass continues from the stored cursor.
                log.warn("Backfill daemon pass failed; retrying in {}", interval, e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }
}
