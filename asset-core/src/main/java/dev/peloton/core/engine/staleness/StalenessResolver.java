package dev.peloton.core.engine.staleness;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.UnknownAssetException;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.core.engine.state.UpstreamInput;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Computes the staleness of every partition of a set of assets, in bulk.
 *
 * <p>Loads the latest materializations of the assets and all their upstream assets once into arrays by
 * partition index, then walks the assets in topological order: direct causes (code version, input data
 * versions, dependencies) in one pass over each asset's materialized partitions, with window reads costing
 * prefix-sum differences; transitive causes set-wise, by mapping each upstream's stale and missing sets
 * downstream. Every edge is computed, however many upstream partitions it reads: there is no cut-off.
 */
public final class StalenessResolver {

    private final AssetGraph graph;
    private final AssetStateStorage storage;

    public StalenessResolver(AssetGraph graph, AssetStateStorage storage) {
        this.graph = graph;
        this.storage = storage;
    }

    /** The staleness of every asset of the graph. */
    public StalenessReport resolve() {
        boolean[] wanted = new boolean[graph.size()];
        java.util.Arrays.fill(wanted, true);
        return resolve(wanted);
    }

    /** The staleness of the given assets (their upstream assets are resolved too, as staleness needs them). */
    public StalenessReport resolve(Collection<AssetKey> assets) {
        boolean[] wanted = new boolean[graph.size()];
        for (AssetKey key : assets) {
            int a = graph.indexOf(key);
            if (a < 0) {
                throw new UnknownAssetException(key);
            }
            wanted[a] = true;
        }
        return resolve(wanted);
    }

    private StalenessReport resolve(boolean[] wanted) {
        int n = graph.size();
        boolean[] included = wanted.clone();
        // Topological order puts upstream first, so one backward pass closes the set under "upstream of".
        for (int a = n - 1; a >= 0; a--) {
            if (included[a]) {
                for (AssetGraph.Edge e : graph.upstreamEdges(a)) {
                    included[e.upstream()] = true;
                }
            }
        }
        LoadedAsset[] loaded = load(included);
        AssetResult[] results = new AssetResult[n];
        List<Integer> requested = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            if (loaded[a] != null) {
                results[a] = AssetResult.compute(loaded[a], loaded, results);
            }
            if (wanted[a]) {
                requested.add(a);
            }
        }
        return new StalenessReport(graph, results, requested.stream().mapToInt(Integer::intValue).toArray());
    }

    private LoadedAsset[] load(boolean[] included) {
        int n = graph.size();
        LoadedAsset[] loaded = new LoadedAsset[n];
        java.util.Map<AssetKey, LoadedAsset> byKey = new java.util.HashMap<>();
        List<AssetKey> keys = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            if (included[a]) {
                loaded[a] = new LoadedAsset(a, graph.definition(a), UpstreamInput.of(graph, a));
                byKey.put(loaded[a].key(), loaded[a]);
                keys.add(loaded[a].key());
            }
        }
        storage.forEachLatestOf(keys, new Consumer<MaterializationRecord>() {
            // Records of one asset mostly come together: skip the map lookup while the asset repeats.
            private AssetKey lastKey;
            private LoadedAsset last;

            @Override
            public void accept(MaterializationRecord r) {
                AssetKey key = r.asset();
                if (key != lastKey && !key.equals(lastKey)) {
                    lastKey = key;
                    last = byKey.get(key);
                }
                if (last != null) {
                    last.accept(r);
                }
            }
        });
        for (LoadedAsset l : loaded) {
            if (l != null) {
                l.finish();
            }
        }
        return loaded;
    }
}
