package dev.peloton.core.engine.execution;

import dev.peloton.core.AssetContext;
import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionKeyRange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * The {@link AssetContext} of one compute invocation (or of one check evaluation, which may not attach
 * materialization metadata nor set a data version: a check reports through its {@code CheckResult}).
 */
final class StepAssetContext implements AssetContext {

    private final String runId;
    private final String stepId;
    private final int attempt;
    private final AssetKey assetKey;
    private final Set<AssetKey> selectedAssets;
    private final boolean partitioned;
    private final List<String> partitionKeys;
    private final Logger log;
    private final Map<String, Object> resources;
    private final BooleanSupplier cancelRequested;
    private final String checkId;
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private volatile String dataVersion;

    StepAssetContext(String runId, String stepId, int attempt, AssetKey assetKey, Set<AssetKey> selectedAssets,
            boolean partitioned, List<String> partitionKeys, Logger log, Map<String, Object> resources,
            BooleanSupplier cancelRequested, String checkId) {
        this.runId = runId;
        this.stepId = stepId;
        this.attempt = attempt;
        this.assetKey = assetKey;
        this.selectedAssets = selectedAssets;
        this.partitioned = partitioned;
        this.partitionKeys = partitionKeys;
        this.log = log;
        this.resources = resources;
        this.cancelRequested = cancelRequested;
        this.checkId = checkId;
    }

    @Override
    public AssetKey assetKey() {
        return assetKey;
    }

    @Override
    public Set<AssetKey> selectedAssets() {
        return selectedAssets;
    }

    @Override
    public boolean isPartitioned() {
        return partitioned;
    }

    @Override
    public String partitionKey() {
        requirePartitioned("partitionKey()");
        if (partitionKeys.size() != 1) {
            throw new IllegalStateException("Step '" + stepId + "' computes " + partitionKeys.size()
                    + " partitions of asset '" + assetKey + "' (" + partitionKeyRange()
                    + ") at once: use partitionKeys() or partitionKeyRange() instead of partitionKey()");
        }
        return partitionKeys.get(0);
    }

    @Override
    public List<String> partitionKeys() {
        return partitionKeys;
    }

    @Override
    public PartitionKeyRange partitionKeyRange() {
        requirePartitioned("partitionKeyRange()");
        return new PartitionKeyRange(partitionKeys.get(0), partitionKeys.get(partitionKeys.size() - 1));
    }

    private void requirePartitioned(String method) {
        if (!partitioned) {
            throw new IllegalStateException("Asset '" + assetKey + "' is not partitioned, so step '" + stepId
                    + "' has no partition key: " + method + " is only for partitioned assets");
        }
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public void addMetadata(String key, Object value) {
        if (checkId != null) {
            throw new IllegalStateException("Check '" + checkId + "' cannot attach materialization metadata ('"
                    + key + "'): return it in the CheckResult's metadata");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("A metadata entry of asset '" + assetKey + "' needs a key, got '"
                    + key + "'");
        }
        if (value == null) {
            throw new IllegalArgumentException("Metadata entry '" + key + "' of asset '" + assetKey
                    + "' has no value (null)");
        }
        synchronized (metadata) {
            metadata.put(key, value);
        }
    }

    @Override
    public void dataVersion(String dataVersion) {
        if (checkId != null) {
            throw new IllegalStateException("Check '" + checkId + "' cannot set the data version of asset '"
                    + assetKey + "'");
        }
        if (dataVersion == null || dataVersion.isBlank()) {
            throw new IllegalArgumentException("The data version of asset '" + assetKey + "' must not be blank, got '"
                    + dataVersion + "'");
        }
        this.dataVersion = dataVersion;
    }

    @Override
    public <T> T resource(String name, Class<T> type) {
        Object resource = resources.get(name);
        if (resource == null) {
            throw new IllegalArgumentException("No resource named '" + name + "' for asset '" + assetKey
                    + "' (registered: " + new TreeSet<>(resources.keySet()) + ")");
        }
        if (!type.isInstance(resource)) {
            throw new IllegalArgumentException("Resource '" + name + "' is a " + resource.getClass().getName()
                    + ", but asset '" + assetKey + "' asked for a " + type.getName());
        }
        return type.cast(resource);
    }

    @Override
    public boolean isCancelRequested() {
        return cancelRequested.getAsBoolean();
    }

    /** The data version the code set, or {@code null} to derive it. */
    String userDataVersion() {
        return dataVersion;
    }

    Map<String, Object> metadataSnapshot() {
        synchronized (metadata) {
            return metadata.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }
}
