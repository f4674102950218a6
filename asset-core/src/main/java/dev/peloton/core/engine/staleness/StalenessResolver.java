package dev.peloton.core.engine.staleness;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.UpstreamInput;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Computes the staleness of every partition of a set of assets, in bulk.
 *
 * <p>Reads the latest materializations of the assets and all their upstream assets from a {@link StateSnapshot}
 * (loaded from storage once per resolution, or kept by the caller across resolutions), then walks the assets in
 * topological order: direct causes (code version, input data versions, dependencies) in one pass over each
 * asset's materialized partitions comparing fingerprints, with window reads costing prefix-sum differences;
 * transitive causes set-wise, by mapping each upstream's stale and missing sets downstream. Every edge is
 * computed, however many upstream partitions it reads: there is no cut-off.
 */
public final class StalenessResolver {

    private final AssetGraph graph;
    private final AssetStateStorage storage;
    private final StateSnapshot snapshot;

    /** Resolves against {@code storage}, loading what each resolution needs. */
    public StalenessResolver(AssetGraph graph, AssetStateStorage storage) {
        this.graph = graph;
        this.storage = storage;
        this.snapshot = null;
    }

    /**
     * Resolves against a snapshot loaded before, possibly with an older graph: code versions and dependencies
     * come from {@code graph}, materializations from the snapshot, which must hold every asset resolved and its
     * upstream assets with their current partitions definitions (see {@link StateSnapshot#refreshed}).
     */
    public StalenessResolver(AssetGraph graph, StateSnapshot snapshot) {
        this.graph = graph;
        this.storage = null;
        this.snapshot = snapshot;
    }

    /** The staleness of every asset of the graph. */
    public StalenessReport resolve() {
        return resolve(StateSnapshot.allOf(graph));
    }

    /** The staleness of the given assets (their upstream assets are resolved too, as staleness needs them). */
    public StalenessReport resolve(Collection<AssetKey> assets) {
        return resolve(StateSnapshot.indicesOf(graph, assets));
    }

    private StalenessReport resolve(boolean[] wanted) {
        int n = graph.size();
        boolean[] included = StateSnapshot.withUpstream(graph, wanted);
        StateSnapshot state = snapshot != null ? snapshot : StateSnapshot.load(graph, storage, included);
        AssetResult[] results = new AssetResult[n];
        List<Integer> requested = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            if (included[a]) {
                AssetDefinition def = graph.definition(a);
                AssetColumns columns = state.columns(def.key());
                if (columns == null || !columns.fits(def.partitions())) {
                    throw new IllegalArgumentException("The state snapshot " + (columns == null
                            ? "does not hold asset '" + def.key() + "'"
                            : "holds asset '" + def.key() + "' with partitions " + columns.definition.describe()
                                    + ", but it now has " + def.partitions().describe())
                            + ": refresh the snapshot with StateSnapshot.refreshed(graph, storage)");
                }
                results[a] = AssetResult.compute(def, UpstreamInput.of(graph, a), columns, results);
            }
            if (wanted[a]) {
                requested.add(a);
            }
        }
        return new StalenessReport(graph, results, requested.stream().mapToInt(Integer::intValue).toArray());
    }
}
