package dev.peloton.core.engine.staleness;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;

/**
 * The staleness of all partitions of one asset, as three disjoint range-encoded sets that cover its partitions.
 *
 * @param asset      the asset
 * @param definition its partitions definition (one partition, index 0, when unpartitioned)
 * @param missing    partitions never materialized
 * @param stale      materialized partitions that are stale
 * @param fresh      materialized partitions that are fresh
 */
public record AssetStaleness(AssetKey asset, PartitionsDefinition definition, PartitionSet missing,
        PartitionSet stale, PartitionSet fresh) {

    /** The status of the partition at {@code index}. */
    public StalenessStatus status(long index) {
        if (missing.contains(index)) {
            return StalenessStatus.MISSING;
        }
        return stale.contains(index) ? StalenessStatus.STALE : StalenessStatus.FRESH;
    }

    /** For an unpartitioned asset, the status of its one partition; for a partitioned one, the worst status. */
    public StalenessStatus worst() {
        if (!missing.isEmpty()) {
            return StalenessStatus.MISSING;
        }
        return stale.isEmpty() ? StalenessStatus.FRESH : StalenessStatus.STALE;
    }

    /** Partitions that need materializing to be fresh: missing or stale. */
    public PartitionSet missingOrStale() {
        return missing.union(stale);
    }
}
