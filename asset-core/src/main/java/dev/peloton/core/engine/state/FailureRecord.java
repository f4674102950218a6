package dev.peloton.core.engine.state;

import dev.peloton.core.AssetKey;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest failed attempt at an asset partition.
 *
 * @param asset        the asset
 * @param partitionKey the partition key ({@code ""} when unpartitioned)
 * @param runId        the run that failed
 * @param error        the error in words
 * @param timestamp    when it failed
 */
public record FailureRecord(AssetKey asset, String partitionKey, String runId, String error, Instant timestamp) {
    public FailureRecord {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(partitionKey, "partitionKey");
    }
}
