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
 * <p>An instance caches what it read: many partitions reading the same upstream partitions (an {@code all}
 * mapping) cost one computation, and a large set (a window) costs one subtraction per range of a prefix-sum array
 * built once per upstream asset. Use one instance for one step attempt, and {@link #forget} an asset once its
 * materializations change.
 */
public final class InputDataVersions {

    /** Above this many upstream partitions, sums come from a prefix-sum array over the whole upstream asset. */
    private static final long PREFIX_THRESHOLD = 32;

    private final AssetStateStorage storage;
    private final Map<AssetKey, Map<PartitionSet, String>> combined = new HashMap<>();
    private final Map<AssetKey, Map<String, String>> snapshots = new HashMap<>();
    private final Map<AssetKey, long[]> prefixSums = new HashMap<>();

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
        String version;
        if (read.count() == 1) {
            version = versionOf(upstream, partitions, read.first());
        } else if (read.count() > PREFIX_THRESHOLD) {
            long[] prefix = prefixSums.computeIfAbsent(upstream, k -> prefixSums(k, partitions));
            long sum = 0;
            for (int r = 0; r < read.rangeCount(); r++) {
                sum += prefix[Math.toIntExact(read.rangeEnd(r))] - prefix[Math.toIntExact(read.rangeStart(r))];
            }
            version = DataVersions.combinedFromSum(sum, read.count());
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

    /** Drops what was read about {@code asset}, whose materializations just changed. */
    public void forget(AssetKey asset) {
        combined.remove(asset);
        snapshots.remove(asset);
        prefixSums.remove(asset);
    }

    private String versionOf(AssetKey asset, PartitionsDefinition partitions, long index) {
        String key = partitions.keyAt(index);
        Map<String, String> snapshot = snapshots.get(asset);
        if (snapshot != null) {
            return snapshot.getOrDefault(key, DataVersions.MISSING);
        }
        return storage.latest(asset, key).map(MaterializationRecord::dataVersion).orElse(DataVersions.MISSING);
    }

    /**
     * {@code prefix[i]} is the sum of the hashes of partitions {@code 0..i-1}. Every partition starts as
     * {@link DataVersions#MISSING} and the materialized ones are corrected by index, so no key is formatted.
     */
    private long[] prefixSums(AssetKey asset, PartitionsDefinition partitions) {
        int size = Math.toIntExact(partitions.size());
        long[] hashes = new long[size];
        for (int i = 0; i < size; i++) {
            hashes[i] = DataVersions.partitionHash(i, DataVersions.MISSING);
        }
        Map<String, String> snapshot = snapshots.computeIfAbsent(asset, this::snapshot);
        snapshot.forEach((key, version) -> {
            long index = partitions.indexOf(key);
            if (index >= 0 && index < size) {
                hashes[(int) index] = DataVersions.partitionHash(index, version);
            }
        });
        long[] prefix = new long[size + 1];
        for (int i = 0; i < size; i++) {
            prefix[i + 1] = prefix[i] + hashes[i];
        }
        return prefix;
    }

    private Map<String, String> snapshot(AssetKey asset) {
        Map<String, String> out = new HashMap<>();
        storage.forEachLatest(asset, r -> out.put(r.partitionKey(), r.dataVersion()));
        return out;
    }
}
