package dev.peloton.core.engine.staleness;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.UnknownAssetException;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.MaterializationRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The latest materializations of a set of assets, loaded once into columns by partition index. Independent of
 * code versions and dependencies, so one snapshot serves every graph that keeps the assets' partitions
 * definitions: after a deploy that changes code versions, staleness is recomputed without reading storage again.
 * Immutable: {@link #withMaterializations} and {@link #refreshed} return new snapshots that share the columns of
 * unchanged assets.
 */
public final class StateSnapshot {

    private final Map<AssetKey, AssetColumns> assets;

    private StateSnapshot(Map<AssetKey, AssetColumns> assets) {
        this.assets = assets;
    }

    /** Loads every asset of the graph. */
    public static StateSnapshot load(AssetGraph graph, AssetStateStorage storage) {
        return new StateSnapshot(Map.of()).refreshed(graph, storage, allOf(graph));
    }

    /** Loads the given assets and everything upstream of them. */
    public static StateSnapshot load(AssetGraph graph, AssetStateStorage storage, Collection<AssetKey> assets) {
        return load(graph, storage, withUpstream(graph, indicesOf(graph, assets)));
    }

    /** Loads exactly the assets marked in {@code included} (by graph index). */
    static StateSnapshot load(AssetGraph graph, AssetStateStorage storage, boolean[] included) {
        return new StateSnapshot(Map.of()).refreshed(graph, storage, included);
    }

    /**
     * This snapshot, with every asset of {@code graph} that it lacks, or holds with another partitions definition
     * or another number of partitions, loaded from {@code storage}.
     */
    public StateSnapshot refreshed(AssetGraph graph, AssetStateStorage storage) {
        return refreshed(graph, storage, allOf(graph));
    }

    StateSnapshot refreshed(AssetGraph graph, AssetStateStorage storage, boolean[] wanted) {
        Map<AssetKey, AssetColumns.Builder> toLoad = new HashMap<>();
        for (int a = 0; a < graph.size(); a++) {
            AssetDefinition def = graph.definition(a);
            AssetColumns have = assets.get(def.key());
            if (wanted[a] && (have == null || !have.fits(def.partitions()))) {
                toLoad.put(def.key(), AssetColumns.builder(def.key(), def.partitions()));
            }
        }
        if (toLoad.isEmpty()) {
            return this;
        }
        storage.forEachLatestOf(List.copyOf(toLoad.keySet()), new Consumer<MaterializationRecord>() {
            // Records of one asset mostly come together: skip the map lookup while the asset repeats.
            private AssetKey lastKey;
            private AssetColumns.Builder last;

            @Override
            public void accept(MaterializationRecord r) {
                AssetKey key = r.asset();
                if (key != lastKey && !key.equals(lastKey)) {
                    lastKey = key;
                    last = toLoad.get(key);
                }
                if (last != null) {
                    last.accept(r);
                }
            }
        });
        Map<AssetKey, AssetColumns> out = new HashMap<>(assets);
        toLoad.forEach((k, b) -> out.put(k, b.build()));
        return new StateSnapshot(Map.copyOf(out));
    }

    /**
     * This snapshot with newer latest materializations applied: what a runtime calls as materializations are
     * recorded, instead of loading again. Records of assets the snapshot does not hold are ignored.
     */
    public StateSnapshot withMaterializations(Collection<MaterializationRecord> records) {
        Map<AssetKey, List<MaterializationRecord>> byAsset = new HashMap<>();
        for (MaterializationRecord r : records) {
            if (assets.containsKey(r.asset())) {
                byAsset.computeIfAbsent(r.asset(), k -> new ArrayList<>()).add(r);
            }
        }
        if (byAsset.isEmpty()) {
            return this;
        }
        Map<AssetKey, AssetColumns> out = new HashMap<>(assets);
        byAsset.forEach((k, rs) -> out.put(k, assets.get(k).with(rs)));
        return new StateSnapshot(Map.copyOf(out));
    }

    /** Whether the snapshot holds {@code asset}. */
    public boolean contains(AssetKey asset) {
        return assets.containsKey(asset);
    }

    /** The number of assets held. */
    public int size() {
        return assets.size();
    }

    /** The columns of an asset, or null. */
    AssetColumns columns(AssetKey asset) {
        return assets.get(asset);
    }

    static boolean[] allOf(AssetGraph graph) {
        boolean[] all = new boolean[graph.size()];
        java.util.Arrays.fill(all, true);
        return all;
    }

    static boolean[] indicesOf(AssetGraph graph, Collection<AssetKey> keys) {
        boolean[] wanted = new boolean[graph.size()];
        for (AssetKey key : keys) {
            int a = graph.indexOf(key);
            if (a < 0) {
                throw new UnknownAssetException(key);
            }
            wanted[a] = true;
        }
        return wanted;
    }

    /** {@code wanted} closed under "upstream of": topological order puts upstream first, so one pass back. */
    static boolean[] withUpstream(AssetGraph graph, boolean[] wanted) {
        boolean[] included = wanted.clone();
        for (int a = graph.size() - 1; a >= 0; a--) {
            if (included[a]) {
                for (AssetGraph.Edge e : graph.upstreamEdges(a)) {
                    included[e.upstream()] = true;
                }
            }
        }
        return included;
    }
}
