package dev.peloton.core.engine.testing;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.DataVersions;
import dev.peloton.core.engine.state.MaterializationRecord;
import java.time.Instant;
import java.util.Map;

/** Records materializations the way the executor does: input data versions read from the storage now. */
public final class Materializer {

    private final AssetStateStorage storage;
    private int runs;

    public Materializer(AssetStateStorage storage) {
        this.storage = storage;
    }

    /** Materializes one partition with the graph's code version and a derived data version; returns the run id. */
    public String materialize(AssetGraph graph, String asset, String partitionKey) {
        return materialize(graph, asset, partitionKey, null);
    }

    /** As {@link #materialize}, with a user-given data version ({@code null} derives it). */
    public String materialize(AssetGraph graph, String asset, String partitionKey, String dataVersion) {
        String runId = "run-" + (++runs);
        record(graph, AssetKey.parse(asset), partitionKey, dataVersion, runId);
        return runId;
    }

    /** Materializes the given partitions (indices) of an asset in one run. */
    public String materialize(AssetGraph graph, String asset, PartitionSet partitions) {
        String runId = "run-" + (++runs);
        AssetKey key = AssetKey.parse(asset);
        AssetDefinition def = graph.get(key);
        partitions.indices().forEach(i -> record(graph, key, def.partitions().keyAt(i), null, runId));
        return runId;
    }

    /** Materializes every partition of every asset in topological order, in one run. */
    public String materializeAll(AssetGraph graph) {
        String runId = "run-" + (++runs);
        for (AssetDefinition def : graph.definitions()) {
            def.partitions().all().indices().forEach(i -> record(graph, def.key(), def.partitions().keyAt(i), null,
                    runId));
        }
        return runId;
    }

    public void record(AssetGraph graph, AssetKey asset, String partitionKey, String dataVersion, String runId) {
        AssetDefinition def = graph.get(asset);
        Map<AssetKey, String> inputs = DataVersions.inputDataVersions(graph, asset, partitionKey, storage);
        String version = dataVersion != null ? dataVersion : DataVersions.derive(def.codeVersion(), inputs);
        storage.recordMaterialization(new MaterializationRecord(asset, partitionKey, version, def.codeVersion(),
                inputs, runId, Instant.EPOCH));
    }
}
