package dev.peloton.core.engine.execution;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.DataVersions;
import dev.peloton.core.engine.state.MaterializationRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The input data versions of an asset partition, read from the latest materializations in the storage. For each
 * upstream asset, the upstream partitions that the partition reads (the union over the edges from that asset,
 * through their mappings) give one combined version: one partition gives its data version (or
 * {@link DataVersions#MISSING}); several or none give {@link DataVersions#combinedFromSum} of the sum of
 * {@link DataVersions#partitionHash}es and the count. This is the rule staleness applies, so a partition just
 * materialized is fresh.
 *
 * <p>An instance caches what it read, so that many partitions reading the same upstream partitions (an
 * {@code all} mapping) cost one read: use one instance per commit, never across commits.
 */
public final class InputDataVersions {

    /** Above this many upstream partitions, read the whole asset's latest versions once instead of one by one. */
    private static final long SNAPSHOT_THRESHOLD = 32;

    private final AssetStateStorage storage;
    private final Map<AssetKey, Map<PartitionSet, String>> combined = new HashMap<>();
    private final Map<AssetKey, Map<String, String>> snapshots = new HashMap<>();

    public InputDataVersions(AssetStateStorage storage) {
        this.storage = storage;
    }

    /**
     * The input data versions of partition {@code partitionIndex} of asset {@code assetIndex}: one entry per
     * upstream asset, {@code deps} included.
     */
    public Map<AssetKey, String> of(AssetGraph graph, int assetIndex, long partitionIndex) {
        AssetDefinition definition = graph.definition(assetIndex);
        AssetGraph.Edge[] edges = graph.upstreamEdges(assetIndex);
        if (edges.length == 0) {
            return Map.of();
        }
        PartitionSet self = PartitionSet.of(partitionIndex);
        Map<Integer, PartitionSet> read = new LinkedHashMap<>();
        for (AssetGraph.Edge edge : edges) {
            PartitionsDefinition upstreamPartitions = graph.definition(edge.upstream()).partitions();
            PartitionSet upstream = edge.mapping().upstreamOf(self, definition.partitions(), upstreamPartitions);
            read.merge(edge.upstream(), upstream, PartitionSet::union);
        }
        Map<AssetKey, String> out = new HashMap<>(read.size() * 2);
        read.forEach((upstream, set) -> {
            AssetDefinition up = graph.definition(upstream);
            out.put(up.key(), combined(up.key(), up.partitions(), set));
        });
        return out;
    }

    /** The combined data version of the given partitions of {@code upstream}. */
    public String combined(AssetKey upstream, PartitionsDefinition partitions, PartitionSet read) {
        Map<PartitionSet, String> byAsset = combined.computeIfAbsent(upstream, k -> new HashMap<>());
        String cached = byAsset.get(read);
        if (cached != null) {
            return cached;
        }
        if (read.count() > SNAPSHOT_THRESHOLD) {
            snapshots.computeIfAbsent(upstream, this::snapshot);
        }
        String version;
        if (read.count() == 1) {
            version = versionOf(upstream, partitions, read.first());
        } else {
            long sum = 0;
            var it = read.iterator();
            while (it.hasNext()) {
                long index = it.nextLong();
                sum += DataVersions.partitionHash(index, versionOf(upstream, partitions, index));
            }
            version = DataVersions.combinedFromSum(sum, read.count());
        }
        byAsset.put(read, version);
        return version;
    }

    private String versionOf(AssetKey asset, PartitionsDefinition partitions, long index) {
        String key = partitions.keyAt(index);
        Map<String, String> snapshot = snapshots.get(asset);
        if (snapshot != null) {
            return snapshot.getOrDefault(key, DataVersions.MISSING);
        }
        return storage.latest(asset, key).map(MaterializationRecord::dataVersion).orElse(DataVersions.MISSING);
    }

    private Map<String, String> snapshot(AssetKey asset) {
        Map<String, String> out = new HashMap<>();
        storage.forEachLatest(asset, r -> out.put(r.partitionKey(), r.dataVersion()));
        return out;
    }
}
