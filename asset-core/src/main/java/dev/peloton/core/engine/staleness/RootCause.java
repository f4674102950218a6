package dev.peloton.core.engine.staleness;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;

/**
 * Where a transitive staleness begins: partitions of an asset that are missing or stale for a direct reason.
 *
 * @param asset      the asset where the chain begins
 * @param partitions its partitions involved (indices of its partitions definition)
 * @param keys       those partitions in words ({@code 2023-07-01..2023-07-04}; empty when unpartitioned)
 * @param kind       what is wrong there
 */
public record RootCause(AssetKey asset, PartitionSet partitions, String keys, RootCauseKind kind) {

    public String describe() {
        String where = keys.isEmpty() ? asset.toString() : asset + "[" + keys + "]";
        return switch (kind) {
            case MISSING -> where + " is missing";
            case CODE_VERSION_CHANGED -> where + " has a new code version";
            case UPSTREAM_DATA_CHANGED -> where + " read upstream data that has changed";
            case DEPENDENCIES_CHANGED -> where + " has changed dependencies";
        };
    }
}
