package dev.peloton.core.engine.staleness;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.core.engine.state.PartitionVersions;
import dev.peloton.core.engine.state.UpstreamInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One asset's latest materializations, loaded once into arrays indexed by partition index, so that staleness
 * compares millions of partitions without a map lookup or an allocation each.
 */
final class LoadedAsset {

    final int index;
    final AssetDefinition definition;
    final int size;
    final UpstreamInput[] inputs;
    final String[] dataVersion;
    final String[] codeVersion;
    final String[] runId;
    /** {@code recordedInput[g][p]}: the input data version recorded for input {@code g}; null if not recorded. */
    final String[][] recordedInput;
    final PartitionVersions versions;

    private PartitionSet materialized;
    private PartitionSet dependenciesChanged;
    // Only partitions whose recorded upstream set differs from the current one keep it: a rare event.
    private Map<Integer, Set<AssetKey>> recordedUpstreams;

    LoadedAsset(int index, AssetDefinition definition, UpstreamInput[] inputs) {
        this.index = index;
        this.definition = definition;
        long n = definition.partitions().size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Asset " + definition.key() + " has " + n
                    + " partitions: staleness handles at most " + (Integer.MAX_VALUE - 8));
        }
        this.size = (int) n;
        this.inputs = inputs;
        this.dataVersion = new String[size];
        this.codeVersion = new String[size];
        this.runId = new String[size];
        this.recordedInput = new String[inputs.length][size];
        this.versions = PartitionVersions.of(dataVersion);
    }

    /** Takes one latest materialization; records of partitions the definition no longer has are ignored. */
    void accept(MaterializationRecord r) {
        long i = definition.partitions().indexOf(r.partitionKey());
        if (i < 0 || i >= size) {
            return;
        }
        int p = (int) i;
        dataVersion[p] = r.dataVersion();
        codeVersion[p] = r.codeVersion();
        runId[p] = r.runId();
        Map<AssetKey, String> recorded = r.inputDataVersions();
        int found = 0;
        for (int g = 0; g < inputs.length; g++) {
            String v = recorded.get(inputs[g].upstreamKey());
            recordedInput[g][p] = v;
            if (v != null) {
                found++;
            }
        }
        if (found != inputs.length || recorded.size() != inputs.length) {
            if (recordedUpstreams == null) {
                recordedUpstreams = new HashMap<>();
            }
            recordedUpstreams.put(p, recorded.keySet());
        } else if (recordedUpstreams != null) {
            recordedUpstreams.remove(p);
        }
    }

    /** Builds the sets once every record is in. */
    void finish() {
        PartitionSet.Builder mat = PartitionSet.builder();
        int p = 0;
        while (p < size) {
            while (p < size && dataVersion[p] == null) {
                p++;
            }
            int start = p;
            while (p < size && dataVersion[p] != null) {
                p++;
            }
            mat.addRange(start, p);
        }
        materialized = mat.build();
        if (recordedUpstreams == null || recordedUpstreams.isEmpty()) {
            dependenciesChanged = PartitionSet.empty();
        } else {
            List<Integer> changed = new ArrayList<>(recordedUpstreams.keySet());
            changed.sort(null);
            PartitionSet.Builder b = PartitionSet.builder();
            changed.forEach(b::add);
            dependenciesChanged = b.build();
        }
    }

    AssetKey key() {
        return definition.key();
    }

    PartitionSet materialized() {
        return materialized;
    }

    PartitionSet dependenciesChanged() {
        return dependenciesChanged;
    }

    /** The upstream assets recorded with partition {@code p}, when they differ from the current ones. */
    Set<AssetKey> recordedUpstreams(int p) {
        return recordedUpstreams == null ? null : recordedUpstreams.get(p);
    }
}
