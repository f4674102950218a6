package dev.peloton.bench;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.FailureRecord;
import dev.peloton.core.engine.state.MaterializationRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A read-only {@link AssetStateStorage} in which every partition of every asset was materialized once, with data
 * version {@code v<partition index>} and matching input data versions (identity edges), so that the whole graph is
 * fresh. Records are made on the fly as they are read: benchmarks of millions of asset partitions measure the engine,
 * not a map of millions of records.
 */
final class SyntheticStateStorage implements AssetStateStorage {

    private final AssetGraph graph;

    SyntheticStateStorage(AssetGraph graph) {
        this.graph = graph;
    }

    @Override
    public Optional<MaterializationRecord> latest(AssetKey asset, String partitionKey) {
        AssetDefinition d = graph.get(asset);
        long index = d.partitions().indexOf(partitionKey);
        return index < 0 ? Optional.empty() : Optional.of(record(d, index));
    }

    @Override
    public void forEachLatest(AssetKey asset, Consumer<MaterializationRecord> consumer) {
        AssetDefinition d = graph.get(asset);
        for (long p = 0; p < d.partitions().size(); p++) {
            consumer.accept(record(d, p));
        }
    }

    private static MaterializationRecord record(AssetDefinition d, long index) {
        PartitionsDefinition partitions = d.partitions();
        String version = "v" + index;
        Map<AssetKey, String> inputs = new HashMap<>(4);
        d.dependencies().forEach(dep -> inputs.put(dep.upstream(), version));
        return new MaterializationRecord(d.key(), partitions.keyAt(index), version, d.codeVersion(), inputs, "r1",
                Instant.EPOCH);
    }

    @Override
    public void recordMaterialization(MaterializationRecord record) {
        throw new UnsupportedOperationException("the synthetic state of a benchmark is read-only");
    }

    @Override
    public void recordFailure(FailureRecord failure) {
        throw new UnsupportedOperationException("the synthetic state of a benchmark is read-only");
    }

    @Override
    public Optional<FailureRecord> latestFailure(AssetKey asset, String partitionKey) {
        return Optional.empty();
    }
}
