package dev.peloton.core.engine.staleness;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.UnknownAssetException;
import dev.peloton.core.engine.state.UpstreamInput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The staleness of a set of assets at one moment: a summary per asset as range-encoded sets, and on demand the
 * causes of one partition or of a set of partitions. Immutable; built by {@link StalenessResolver}.
 */
public final class StalenessReport {

    private final AssetGraph graph;
    private final AssetResult[] results;
    private final int[] requested;

    StalenessReport(AssetGraph graph, AssetResult[] results, int[] requested) {
        this.graph = graph;
        this.results = results;
        this.requested = requested;
    }

    public AssetGraph graph() {
        return graph;
    }

    /** The summaries of the assets asked for, in topological order. */
    public List<AssetStaleness> summaries() {
        List<AssetStaleness> out = new ArrayList<>(requested.length);
        for (int a : requested) {
            out.add(summary(results[a]));
        }
        return out;
    }

    /** The summary of one asset: any asset asked for, or upstream of one. */
    public AssetStaleness summary(AssetKey asset) {
        return summary(result(asset));
    }

    private static AssetStaleness summary(AssetResult r) {
        return new AssetStaleness(r.key(), r.definition.partitions(), r.missing, r.stale, r.fresh);
    }

    /** The status of one partition, by index. */
    public StalenessStatus status(AssetKey asset, long partition) {
        return summary(asset).status(checkIndex(result(asset), partition));
    }

    /** The staleness of one partition ({@code ""} for an unpartitioned asset), with its causes. */
    public Staleness staleness(AssetKey asset, String partitionKey) {
        AssetResult r = result(asset);
        return staleness(r, r.definition.partitions().requireIndex(asset, partitionKey));
    }

    /** The staleness of one partition, by index, with its causes. */
    public Staleness staleness(AssetKey asset, long partition) {
        AssetResult r = result(asset);
        return staleness(r, checkIndex(r, partition));
    }

    private Staleness staleness(AssetResult r, long p) {
        if (r.missing.contains(p)) {
            return Staleness.MISSING;
        }
        if (!r.stale.contains(p)) {
            return Staleness.FRESH;
        }
        int i = (int) p;
        List<StaleCause> causes = new ArrayList<>();
        if (r.codeChanged.contains(p)) {
            causes.add(new StaleCause.CodeVersionChanged(r.columns.codeVersion[i], r.definition.codeVersion()));
        }
        if (r.dependenciesChanged.contains(p)) {
            Set<AssetKey> recorded = r.recordedUpstreams(i);
            Set<AssetKey> current = new HashSet<>();
            for (UpstreamInput in : r.inputs) {
                current.add(in.upstreamKey());
            }
            Set<AssetKey> added = new HashSet<>(current);
            added.removeAll(recorded);
            Set<AssetKey> removed = new HashSet<>(recorded);
            removed.removeAll(current);
            causes.add(new StaleCause.DependenciesChanged(added, removed));
        }
        PartitionSet one = PartitionSet.range(p, p + 1);
        for (int g = 0; g < r.inputs.length; g++) {
            UpstreamInput in = r.inputs[g];
            AssetResult u = results[in.upstream()];
            PartitionsDefinition upDef = u.definition.partitions();
            PartitionSet read = in.reads(one);
            if (r.dataChanged[g].contains(p)) {
                causes.add(new StaleCause.UpstreamDataChanged(in.upstreamKey(), read, PartitionText.of(upDef, read),
                        r.recorded[g].values[i], u.versions().inputDataVersion(read)));
            }
            if (r.upstreamMissing[g].contains(p)) {
                PartitionSet m = read.intersect(u.missing);
                causes.add(new StaleCause.UpstreamMissing(in.upstreamKey(), m, PartitionText.of(upDef, m)));
            }
            if (r.upstreamStale[g].contains(p)) {
                PartitionSet st = read.intersect(u.stale);
                causes.add(new StaleCause.UpstreamStale(in.upstreamKey(), st, PartitionText.of(upDef, st),
                        RootCauses.of(results, in.upstream(), st)));
            }
        }
        return Staleness.stale(causes);
    }

    /**
     * The causes of the stale partitions among {@code partitions}, grouped by kind and upstream asset; fresh and
     * missing partitions contribute none.
     */
    public List<CauseGroup> causes(AssetKey asset, PartitionSet partitions) {
        AssetResult r = result(asset);
        PartitionsDefinition def = r.definition.partitions();
        PartitionSet stale = partitions.intersect(r.stale);
        List<CauseGroup> out = new ArrayList<>();
        addGroup(out, def, StaleCauseKind.CODE_VERSION_CHANGED, null, stale.intersect(r.codeChanged), List.of());
        addGroup(out, def, StaleCauseKind.DEPENDENCIES_CHANGED, null, stale.intersect(r.dependenciesChanged),
                List.of());
        for (int g = 0; g < r.inputs.length; g++) {
            UpstreamInput in = r.inputs[g];
            AssetResult u = results[in.upstream()];
            PartitionsDefinition upDef = u.definition.partitions();
            addGroup(out, def, StaleCauseKind.UPSTREAM_DATA_CHANGED, in.upstreamKey(),
                    stale.intersect(r.dataChanged[g]), List.of());
            PartitionSet missingReaders = stale.intersect(r.upstreamMissing[g]);
            if (!missingReaders.isEmpty()) {
                PartitionSet m = in.reads(missingReaders).intersect(u.missing);
                addGroup(out, def, StaleCauseKind.UPSTREAM_MISSING, in.upstreamKey(), missingReaders,
                        List.of(new RootCause(in.upstreamKey(), m, PartitionText.of(upDef, m), RootCauseKind.MISSING)));
            }
            PartitionSet staleReaders = stale.intersect(r.upstreamStale[g]);
            if (!staleReaders.isEmpty()) {
                PartitionSet st = in.reads(staleReaders).intersect(u.stale);
                addGroup(out, def, StaleCauseKind.UPSTREAM_STALE, in.upstreamKey(), staleReaders,
                        RootCauses.of(results, in.upstream(), st));
            }
        }
        return out;
    }

    private static void addGroup(List<CauseGroup> out, PartitionsDefinition def, StaleCauseKind kind,
            AssetKey upstream, PartitionSet partitions, List<RootCause> roots) {
        if (!partitions.isEmpty()) {
            out.add(new CauseGroup(kind, upstream, partitions, PartitionText.of(def, partitions), roots));
        }
    }

    // --- what the planner reads ---------------------------------------------------------------------

    /** The materialized partitions of an asset. */
    public PartitionSet materialized(AssetKey asset) {
        return result(asset).columns.materialized;
    }

    /**
     * Partitions whose own inputs changed since they were materialized: a new code version, new upstream data
     * or changed dependencies. Partitions stale only because an upstream is stale or missing are not in it.
     */
    public PartitionSet changedSinceMaterialization(AssetKey asset) {
        return result(asset).direct;
    }

    /** The run that produced the latest materialization of a partition, if it has one. */
    public Optional<String> runIdAt(AssetKey asset, long partition) {
        AssetResult r = result(asset);
        return Optional.ofNullable(r.columns.runId[(int) checkIndex(r, partition)]);
    }

    /** The code version of the latest materialization of a partition, if it has one. */
    public Optional<String> codeVersionAt(AssetKey asset, long partition) {
        AssetResult r = result(asset);
        return Optional.ofNullable(r.columns.codeVersion[(int) checkIndex(r, partition)]);
    }

    private AssetResult result(AssetKey asset) {
        int a = graph.indexOf(asset);
        if (a < 0) {
            throw new UnknownAssetException(asset);
        }
        AssetResult r = results[a];
        if (r == null) {
            throw new IllegalArgumentException("Asset '" + asset + "' was not part of this staleness resolution: "
                    + "resolve it, or an asset downstream of it");
        }
        return r;
    }

    private static long checkIndex(AssetResult r, long partition) {
        if (partition < 0 || partition >= r.columns.size) {
            throw new IndexOutOfBoundsException("Asset '" + r.key() + "' has partition indices 0.."
                    + (r.columns.size - 1) + ", got " + partition);
        }
        return partition;
    }
}
