package dev.peloton.runtime.automation;

import dev.peloton.core.AssetKey;
import java.time.Instant;

/**
 * One recorded materialization, as sensors see it.
 *
 * @param id             its id in the materialization history; grows with each materialization
 * @param assetKey       the asset
 * @param partitionKey   the partition ({@code ""} when unpartitioned)
 * @param runId          the run that produced it, or {@code null}
 * @param materializedAt when
 */
public record MaterializationEvent(long id, AssetKey assetKey, String partitionKey, String runId,
        Instant materializedAt) {
}
