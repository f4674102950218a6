package dev.peloton.core.engine.execution;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.DataVersions;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.core.engine.state.PartitionVersions;
import dev.peloton.core.engine.state.UpstreamInput;
import java.util.HashMap;
import java.util.Map;

/**
 * The input data versions of an asset partition, read from the latest materializations in the storage, with the
 * rule staleness applies ({@link DataVersions#inputDataVersion}), so a partition just materialized is fresh: for each
 * upstream asset (the union over its edges, {@link UpstreamInput}), the partitions read give one combined version.
 *
 * <p>An instance caches what it read: many partitions reading the same upstream partitions (an {@code all}
 * mapping) cost one computation, and a large set (a window) is answered by {@link PartitionVersions} from prefix
 * sums built once per upstream asset. Use one instance for one step attempt, and {@link #forget} an asset once its
 * materializations change.
 */
public final class InputDataVersions {

    /** Above this many upstream partitions, the version comes from prefix sums over the whole upstream asset. */
    private static final long PREFIX_THRESHOLD = 32;

    private final AssetStateStorage storage;
    private final Map<AssetKey, Map<PartitionSet, String>> combined = new HashMap<>();
    private final Map<AssetKey, Map<String, String>> snapshots = new HashMap<>();
    private final Map<AssetKey, PartitionVersions> versions = new HashMap<>();

    public InputDataVersions(AssetStateStorage storage) {
        this.storage = storage;
    }

    /**
     * The input data versions of partition {@code partitionIndex} of asset {@code assetIndex}: one entry per
     * upstream asset, {@code deps} included.
     */
    public Map<AssetKey, String> of(AssetGraph graph, int assetIndex, long partitionIndex) {
        UpstreamInput[] inputs = UpstreamInput.of(graph, assetIndex);
        if (inputs.length == 0) {
            return Map.of();
        }
        PartitionSet self = PartitionSet.of(partitionIndex);
        Map<AssetKey, String> out = new HashMap<>(inputs.length * 2);
        for (UpstreamInput input : inputs) {
            out.put(input.upstreamKey(), combined(input.upstreamKey(), input.upstreamDefinition(), input.reads(self)));
        }
        return out;
    }

    /** The combined data version of the given partitions of {@code upstream}. */
    public String combined(AssetKey upstream, PartitionsDefinition partitions, PartitionSet read) {
        Map<PartitionSet, String> byAsset = combined.computeIfAbsent(upstream, k -> new HashMap<>());
        String cached = byAsset.get(read);
        if (cached != null) {
            return cached;
        }
        String version = read.count() > PREFIX_THRESHOLD
                ? versions.computeIfAbsent(upstream, k -> versionsByIndex(k, partitions)).inputDataVersion(read)
                : DataVersions.inputDataVersion(read, index -> versionOf(upstream, partitions, index));
        byAsset.put(read, version);
        return version;
    }

    /** Drops what was read about {@code asset}, whose materializations just changed. */
    public void forget(AssetKey asset) {
        combined.remove(asset);
        snapshots.remove(asset);
        versions.remove(asset);
    }

    /** The data version at {@code index}, or {@code null} when missing. */
    private String versionOf(AssetKey asset, PartitionsDefinition partitions, long index) {
        String key = partitions.keyAt(index);
        Map<String, String> snapshot = snapshots.get(asset);
        if (snapshot != null) {
            return snapshot.get(key);
        }
        return storage.latest(asset, key).map(MaterializationRecord::dataVersion).orElse(null);
    }

    private PartitionVersions versionsByIndex(AssetKey asset, PartitionsDefinition partitions) {
        String[] byIndex = new String[Math.toIntExact(partitions.size())];
        Map<String, String> snapshot = snapshots.computeIfAbsent(asset, this::snapshot);
        snapshot.forEach((key, version) -> {
            long index = partitions.indexOf(key);
            if (index >= 0 && index < byIndex.length) {
                byIndex[(int) index] = version;
            }
        });
        return PartitionVersions.of(byIndex);
    }

    private Map<String, String> snapshot(AssetKey asset) {
        Map<String, String> out = new HashMap<>();
        storage.forEachLatest(asset, r -> out.put(r.partitionKey(), r.dataVersion()));
        return out;
    }
}
