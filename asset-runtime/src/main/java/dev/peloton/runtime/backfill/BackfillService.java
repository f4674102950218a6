package dev.peloton.runtime.backfill;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.core.engine.plan.StepGranularity;
import dev.peloton.core.engine.selection.AssetSelection;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.storage.IllegalRunTransitionException;
import dev.peloton.runtime.storage.RunIds;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backfills: create (validate, then store as REQUESTED; the {@link BackfillDaemon} submits the runs), read with
 * progress, list, cancel and retry the failed partitions.
 *
 * <p>A retry creates a <em>child</em> backfill over the failed partitions of its parent (same selection, policy
 * and options; {@code parentId} names the parent). The parent keeps its history and its FAILED status, the child
 * has its own progress and run keys, and a retry of a retry works the same way.
 */
public final class BackfillService {

    /** Limits that keep one request from flooding the run queue. */
    public record Limits(long maxPartitions, long maxRuns) {
        public Limits {
            if (maxPartitions < 1) {
                throw new IllegalArgumentException("peloton.backfills.max-partitions must be at least 1, got "
                        + maxPartitions);
            }
            if (maxRuns < 1) {
                throw new IllegalArgumentException("peloton.backfills.max-runs must be at least 1, got " + maxRuns);
            }
        }

        public static Limits defaults() {
            return new Limits(10_000_000, 100_000);
        }
    }

    /** The PostgreSQL channel a new backfill's id is sent on, so that every node's daemon wakes up. */
    public static final String CHANNEL = "peloton_backfills";

    /** The id a previewed backfill's runs are planned with; it is never stored. */
    private static final String PREVIEW_ID = "00000000-0000-0000-0000-000000000000";

    private final AssetGraph graph;
    private final RunCoordinator coordinator;
    private final BackfillStorage storage;
    private final TransactionTemplate tx;
    private final Limits limits;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public BackfillService(DataSource dataSource, AssetGraph graph, RunCoordinator coordinator, Limits limits) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.storage = new BackfillStorage(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.limits = limits == null ? Limits.defaults() : limits;
    }

    public BackfillService(DataSource dataSource, AssetGraph graph, RunCoordinator coordinator) {
        this(dataSource, graph, coordinator, null);
    }

    /**
     * Validates and stores a backfill as REQUESTED. Every check runs before anything is written: a bad selection,
     * an unknown partition key or a reversed range fails with the engine's exception, a request beyond the limits
     * with an {@link InvalidBackfillException}.
     */
    public BackfillRecord create(BackfillRequest request) {
        Prepared p = prepare(request);
        return store(request.selection(), p.selected(), p.anchor().key(), p.partitions(), request.policy(),
                request.options(), null);
    }

    /**
     * A validated request: the assets, the asset whose partitions it covers, those partitions, its run count and the
     * step count of its first run (planned to validate it).
     */
    private record Prepared(BitSet selected, AssetDefinition anchor, PartitionSet partitions, long numChunks,
            int firstRunSteps) {
    }

    private Prepared prepare(BackfillRequest request) {
        Objects.requireNonNull(request, "request");
        // The engine's own checks: selection syntax, unknown assets, partition keys, reversed ranges, mappings.
        // Planning the whole request as ranges costs its ranges, not its partitions.
        coordinator.preview(new RunRequest(request.selection(), request.partitions(), false, false,
                StepGranularity.wholeRange(), 0, null, null, null));
        BitSet selected = AssetSelection.parse(request.selection()).resolveIndices(graph);
        AssetDefinition anchor = anchor(selected, request.partitions());
        PartitionSet partitions = partitionsOf(anchor, request.partitions());
        long numChunks = checkLimits(request.selection(), anchor.key(), partitions, request.policy());
        // The whole range can plan where a run's share of it cannot (an unpartitioned asset that no selected asset
        // maps to): plan the first run now, so such a request is refused here rather than failing in the daemon.
        BackfillRecord draft = draft(request, selected, anchor, partitions, numChunks);
        int firstRunSteps = coordinator.preview(new BackfillRuns(graph, draft).request(0)).steps().size();
        return new Prepared(selected, anchor, partitions, numChunks, firstRunSteps);
    }

    /** The backfill as it would be stored, for planning its runs without storing it. */
    private BackfillRecord draft(BackfillRequest request, BitSet selected, AssetDefinition anchor,
            PartitionSet partitions, long numChunks) {
        return new BackfillRecord(PREVIEW_ID, BackfillStatus.REQUESTED, request.selection(), keysOf(selected),
                anchor.key(), partitions, request.policy(), request.options(), numChunks, 0, null, 0, 0, 0, null,
                null, null, null);
    }

    /**
     * What a backfill would do, without writing anything: the same checks as {@link #create}, then the plan of each
     * run as it would be submitted now. Past {@link BackfillPreview#MAX_PLANNED_RUNS} runs, the step count is
     * extrapolated from the runs planned.
     */
    public BackfillPreview preview(BackfillRequest request) {
        Prepared p = prepare(request);
        BackfillRecord draft = draft(request, p.selected(), p.anchor(), p.partitions(), p.numChunks());
        List<AssetKey> assets = draft.assets();
        BackfillRuns runs = new BackfillRuns(graph, draft);
        long planned = Math.min(p.numChunks(), BackfillPreview.MAX_PLANNED_RUNS);
        long steps = 0;
        long withWork = 0;
        for (long c = 0; c < planned; c++) {
            int n = c == 0 ? p.firstRunSteps() : coordinator.preview(runs.request(c)).steps().size();
            steps += n;
            withWork += n > 0 ? 1 : 0;
        }
        boolean estimated = planned < p.numChunks();
        if (estimated) {
            // Scaled by partitions, not runs: the last chunk may be short.
            long plannedPartitions = runs.chunks().firstChunks(planned).count();
            steps = Math.round((double) steps * p.partitions().count() / plannedPartitions);
            withWork = Math.round((double) withWork * p.numChunks() / planned);
        }
        return new BackfillPreview(request.selection(), assets, p.anchor().key(), p.partitions(), request.policy(),
                p.numChunks(), withWork, steps, estimated);
    }

    /** The first selected asset (upstream first) whose own partitions hold the requested keys. */
    private AssetDefinition anchor(BitSet selected, PartitionSelection partitions) {
        AssetDefinition first = null;
        for (int a = selected.nextSetBit(0); a >= 0; a = selected.nextSetBit(a + 1)) {
            AssetDefinition def = graph.definition(a);
            first = first == null ? def : first;
            PartitionsDefinition pd = def.partitions();
            if (!pd.isPartitioned()) {
                continue;
            }
            boolean has = switch (partitions) {
                case PartitionSelection.All all -> true;
                case PartitionSelection.Keys keys -> keys.keys().stream().allMatch(k -> pd.indexOf(k) >= 0);
                case PartitionSelection.Range range -> pd.indexOf(range.range().start()) >= 0
                        && pd.indexOf(range.range().end()) >= 0;
            };
            if (has) {
                return def;
            }
        }
        // Only unpartitioned assets (the preview rejected keys for them): one partition.
        return first;
    }

    private static PartitionSet partitionsOf(AssetDefinition anchor, PartitionSelection selection) {
        PartitionsDefinition pd = anchor.partitions();
        if (!pd.isPartitioned()) {
            return PartitionSet.of(0);
        }
        return switch (selection) {
            case PartitionSelection.All all -> pd.all();
            case PartitionSelection.Keys keys -> pd.parse(anchor.key(), keys.keys());
            case PartitionSelection.Range range -> pd.range(anchor.key(), range.range().start(), range.range().end());
        };
    }

    /** Checks a backfill against the limits; answers how many runs (chunks) it makes. */
    private long checkLimits(String selection, AssetKey anchor, PartitionSet partitions, BackfillPolicy policy) {
        String where = "Backfill of '" + selection + "'";
        if (partitions.isEmpty()) {
            throw new InvalidBackfillException(where + " covers no partition (asset " + anchor
                    + " has none yet): nothing to backfill");
        }
        if (partitions.count() > limits.maxPartitions()) {
            throw new InvalidBackfillException(where + " covers " + partitions.count() + " partitions of asset "
                    + anchor + "; at most " + limits.maxPartitions() + " are allowed in one backfill: split it into "
                    + "smaller ranges");
        }
        long perRun = policy.partitionsPerRun(partitions.count());
        long numChunks = (partitions.count() + perRun - 1) / perRun;
        if (numChunks > limits.maxRuns()) {
            throw new InvalidBackfillException(where + " over " + partitions.count() + " partitions with " + policy
                    + " would start " + numChunks + " runs; at most " + limits.maxRuns() + " are allowed: use chunks"
                    + " of at least " + ((partitions.count() + limits.maxRuns() - 1) / limits.maxRuns())
                    + " partitions per run, or a single run");
        }
        return numChunks;
    }

    private List<AssetKey> keysOf(BitSet selected) {
        List<AssetKey> assets = new ArrayList<>();
        for (int a = selected.nextSetBit(0); a >= 0; a = selected.nextSetBit(a + 1)) {
            assets.add(graph.definition(a).key());
        }
        return assets;
    }

    private BackfillRecord store(String selection, BitSet selected, AssetKey anchor, PartitionSet partitions,
            BackfillPolicy policy, BackfillOptions options, String parentId) {
        long numChunks = checkLimits(selection, anchor, partitions, policy);
        List<AssetKey> assets = keysOf(selected);
        String id = RunIds.next().toString();
        BackfillRecord record = new BackfillRecord(id, BackfillStatus.REQUESTED, selection, assets, anchor,
                partitions, policy, options, numChunks, 0, parentId, 0, 0, 0, null, null, null, null);
        storage.insert(id, record);
        // Other nodes' daemons hear of it through PostgreSQL, this node's at once.
        storage.announce(id);
        listeners.forEach(Runnable::run);
        return storage.get(id);
    }

    /**
     * Calls {@code onNewBackfill} after each backfill (or retry) is stored, on the caller's thread; the daemon of
     * this node uses it to start submitting at once instead of at its next poll.
     */
    public void addListener(Runnable onNewBackfill) {
        listeners.add(Objects.requireNonNull(onNewBackfill, "onNewBackfill"));
    }

    public BackfillRecord get(String id) {
        return storage.get(id);
    }

    public BackfillDetail detail(String id) {
        BackfillRecord b = storage.get(id);
        return new BackfillDetail(b, progress(b));
    }

    /** Backfills newest first, optionally of one status; pass the last id of a page to get the next page. */
    public List<BackfillRecord> list(BackfillStatus status, int limit, String afterId) {
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("A page holds 1 to 1000 backfills, got " + limit);
        }
        return storage.list(status, limit, afterId);
    }

    public BackfillProgress progress(String id) {
        return progress(storage.get(id));
    }

    BackfillProgress progress(BackfillRecord b) {
        return BackfillProgressCalculator.compute(b, definitionOf(b), storage.runs(b.id()));
    }

    private PartitionsDefinition definitionOf(BackfillRecord b) {
        return graph.find(b.partitionsAsset()).map(AssetDefinition::partitions)
                .orElse(PartitionsDefinition.none());
    }

    /**
     * Stops a backfill: no more runs are submitted, queued runs are canceled at once and running ones are asked to
     * stop. The backfill is CANCELING until its last run has ended, then CANCELED.
     */
    public BackfillRecord cancel(String id) {
        BackfillRecord locked = tx.execute(status -> {
            // Waits for a daemon batch in flight: after this commits, the daemon sees CANCELING and stops.
            BackfillRecord b = storage.lock(id);
            if (b.status().isTerminal()) {
                throw new IllegalStateException("Backfill " + id + " cannot be canceled: it has ended ("
                        + b.status() + ")");
            }
            storage.setStatus(id, BackfillStatus.CANCELING, null);
            return b;
        });
        for (String runId : storage.unfinishedRuns(locked.id())) {
            try {
                coordinator.cancel(runId);
            } catch (IllegalRunTransitionException e) {
                // It ended between the query and the cancel: nothing to stop.
            }
        }
        settle(id);
        return storage.get(id);
    }

    /**
     * Retries the partitions of a finished backfill whose runs failed, as a child backfill with the same
     * selection, policy and options.
     */
    public BackfillRecord retryFailed(String id) {
        BackfillRecord parent = storage.get(id);
        if (!parent.status().isTerminal()) {
            throw new IllegalStateException("Backfill " + id + " is " + parent.status() + ": retry its failed "
                    + "partitions once it has ended");
        }
        BackfillProgress progress = progress(parent);
        PartitionSet.Builder failed = PartitionSet.builder();
        for (BackfillProgress.StatusRange r : progress.ranges()) {
            if (r.status() == PartitionStatus.FAILED) {
                failed.addRange(r.firstIndex(), r.lastIndex() + 1);
            }
        }
        // Status ranges may span keys the backfill skips: keep only the backfill's own partitions.
        PartitionSet retry = failed.build().intersect(parent.partitions());
        if (retry.isEmpty()) {
            throw new IllegalStateException("Backfill " + id + " has no failed partition to retry");
        }
        BitSet selected = new BitSet();
        for (AssetKey key : parent.assets()) {
            int a = graph.indexOf(key);
            if (a >= 0) {
                selected.set(a);
            }
        }
        return store(parent.selection(), selected, parent.partitionsAsset(), retry, parent.policy(),
                parent.options(), parent.id());
    }

    /**
     * Ends a backfill whose runs have all ended: RUNNING becomes COMPLETED (every partition succeeded or was up
     * to date) or FAILED; CANCELING becomes CANCELED. Does nothing while runs are active.
     */
    void settle(String id) {
        tx.executeWithoutResult(status -> {
            BackfillRecord b = storage.lock(id);
            if (b.status() != BackfillStatus.RUNNING && b.status() != BackfillStatus.CANCELING) {
                return;
            }
            if (!storage.unfinishedRuns(id).isEmpty()) {
                return;
            }
            BackfillProgress p = progress(b);
            if (b.status() == BackfillStatus.CANCELING) {
                storage.finish(id, BackfillStatus.CANCELED, p, null);
                return;
            }
            long failed = p.count(PartitionStatus.FAILED);
            long canceled = p.count(PartitionStatus.CANCELED);
            if (failed + canceled == 0) {
                storage.finish(id, BackfillStatus.COMPLETED, p, null);
            } else {
                storage.finish(id, BackfillStatus.FAILED, p, failed + " of " + b.numPartitions()
                        + " partitions failed" + (canceled > 0 ? ", " + canceled + " were canceled" : ""));
            }
        });
    }

    BackfillStorage storage() {
        return storage;
    }
}
