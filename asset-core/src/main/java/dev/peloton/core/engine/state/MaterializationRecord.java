package dev.peloton.core.engine.state;

import dev.peloton.core.AssetKey;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The latest successful materialization of one asset partition, as the planner and staleness read it.
 *
 * @param asset             the asset
 * @param partitionKey      the partition key; {@code ""} for an unpartitioned asset
 * @param dataVersion       the data version of the stored value
 * @param codeVersion       the code version that produced it
 * @param inputDataVersions per upstream asset, the combined data version of the upstream partitions it read
 *                          (see {@code DataVersions}); its key set is the dependencies at the time
 * @param runId             the run that produced it
 * @param timestamp         when it was recorded
 */
public record MaterializationRecord(AssetKey asset, String partitionKey, String dataVersion, String codeVersion,
        Map<AssetKey, String> inputDataVersions, String runId, Instant timestamp) {

    public MaterializationRecord {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(dataVersion, "dataVersion");
        Objects.requireNonNull(codeVersion, "codeVersion");
        inputDataVersions = Map.copyOf(inputDataVersions == null ? Map.of() : inputDataVersions);
    }
}
