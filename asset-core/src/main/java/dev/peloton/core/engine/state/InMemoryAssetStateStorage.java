package dev.peloton.core.engine.state;

import dev.peloton.core.AssetKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** {@link AssetStateStorage} in memory, for tests and test support. */
public final class InMemoryAssetStateStorage implements AssetStateStorage {

    private final Map<AssetKey, Map<String, MaterializationRecord>> latest = new ConcurrentHashMap<>();
    private final Map<AssetKey, Map<String, FailureRecord>> failures = new ConcurrentHashMap<>();

    @Override
    public Optional<MaterializationRecord> latest(AssetKey asset, String partitionKey) {
        Map<String, MaterializationRecord> byPartition = latest.get(asset);
        return byPartition == null ? Optional.empty() : Optional.ofNullable(byPartition.get(partitionKey));
    }

    @Override
    public void forEachLatest(AssetKey asset, Consumer<MaterializationRecord> consumer) {
        Map<String, MaterializationRecord> byPartition = latest.get(asset);
        if (byPartition != null) {
            byPartition.values().forEach(consumer);
        }
    }

    @Override
    public void recordMaterialization(MaterializationRecord record) {
        latest.computeIfAbsent(record.asset(), k -> new ConcurrentHashMap<>()).put(record.partitionKey(), record);
        Map<String, FailureRecord> failed = failures.get(record.asset());
        if (failed != null) {
            failed.remove(record.partitionKey());
        }
    }

    @Override
    public void recordFailure(FailureRecord failure) {
        failures.computeIfAbsent(failure.asset(), k -> new ConcurrentHashMap<>()).put(failure.partitionKey(), failure);
    }

    @Override
    public Optional<FailureRecord> latestFailure(AssetKey asset, String partitionKey) {
        Map<String, FailureRecord> failed = failures.get(asset);
        return failed == null ? Optional.empty() : Optional.ofNullable(failed.get(partitionKey));
    }
}
