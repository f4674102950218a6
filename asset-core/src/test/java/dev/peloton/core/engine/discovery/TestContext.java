package dev.peloton.core.engine.discovery;

import dev.peloton.core.AssetContext;
import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionKeyRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A plain context for calling computes in tests. */
final class TestContext implements AssetContext {

    private final AssetKey key;
    private final Set<AssetKey> selected;
    private final String partition;
    final Map<String, Object> metadata = new LinkedHashMap<>();

    TestContext(AssetKey key, Set<AssetKey> selected, String partition) {
        this.key = key;
        this.selected = selected;
        this.partition = partition;
    }

    static TestContext of(String key) {
        return new TestContext(AssetKey.parse(key), Set.of(AssetKey.parse(key)), "");
    }

    @Override
    public AssetKey assetKey() {
        return key;
    }

    @Override
    public Set<AssetKey> selectedAssets() {
        return selected;
    }

    @Override
    public boolean isPartitioned() {
        return !partition.isEmpty();
    }

    @Override
    public String partitionKey() {
        return partition;
    }

    @Override
    public List<String> partitionKeys() {
        return List.of(partition);
    }

    @Override
    public PartitionKeyRange partitionKeyRange() {
        return PartitionKeyRange.single(partition);
    }

    @Override
    public String runId() {
        return "test-run";
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public Logger log() {
        return LoggerFactory.getLogger(TestContext.class);
    }

    @Override
    public void addMetadata(String k, Object value) {
        metadata.put(k, value);
    }

    @Override
    public void dataVersion(String dataVersion) {
        metadata.put("data_version", dataVersion);
    }

    @Override
    public <T> T resource(String name, Class<T> type) {
        throw new IllegalArgumentException("No resource '" + name + "' in tests");
    }

    @Override
    public boolean isCancelRequested() {
        return false;
    }
}
