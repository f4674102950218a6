package dev.peloton.runtime.backfill;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import java.util.List;

/**
 * What a backfill request would do, computed without writing anything.
 *
 * @param selection       the selection as written
 * @param assets          the assets it resolves to, upstream first
 * @param partitionsAsset the asset whose partitions the request's keys were read against
 * @param partitions      the partitions, as indices of that asset's definition
 * @param policy          how partitions are grouped into runs
 * @param numRuns         how many runs the policy cuts the partitions into (each chunk is one run at most)
 * @param runsWithWork    of those, how many would start now: with "only stale and missing", a chunk with nothing
 *                        stale or missing starts no run
 * @param stepCount       steps of those runs, summed
 * @param estimated       whether {@code runsWithWork} and {@code stepCount} were extrapolated from the first
 *                        {@link #MAX_PLANNED_RUNS} runs rather than counted over all of them
 */
public record BackfillPreview(String selection, List<AssetKey> assets, AssetKey partitionsAsset,
        PartitionSet partitions, BackfillPolicy policy, long numRuns, long runsWithWork, long stepCount,
        boolean estimated) {

    /** The most runs a preview plans one by one. */
    public static final int MAX_PLANNED_RUNS = 1_000;

    public BackfillPreview {
        assets = List.copyOf(assets);
    }

    public long numPartitions() {
        return partitions.count();
    }
}
