package dev.peloton.runtime.api;

import dev.peloton.runtime.backfill.BackfillStatus;
import dev.peloton.runtime.backfill.PartitionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the backfill endpoints answer. */
public final class BackfillViews {

    private BackfillViews() {
    }

    /**
     * A backfill.
     *
     * @param partitions      its partitions in words ({@code 2023-07-01..2023-07-30}; past a few ranges, a count)
     * @param policy          {@code "perPartition"}, {@code "singleRun"} or {@code {"chunks": k}}, as in the request
     * @param numRuns         how many runs its policy cuts the partitions into
     * @param submittedRuns   how many of those the daemon has submitted (a chunk with nothing to do starts none)
     * @param numSucceeded    partitions that succeeded or were up to date, counted when it ended
     * @param parentId        the backfill whose failed partitions this one retries, or null
     */
    public record BackfillView(String id, BackfillStatus status, String selection, List<String> assets,
            String partitionsAsset, String partitions, long numPartitions, Object policy, long numRuns,
            long submittedRuns, boolean onlyStaleAndMissing, int priority, Map<String, String> tags, String parentId,
            long numSucceeded, long numFailed, long numCanceled, Instant createdAt, Instant updatedAt,
            Instant endedAt, String error) {
    }

    /**
     * Consecutive partitions of a backfill with one status.
     *
     * @param count partitions of the backfill in the range (fewer than the keys from..to when it skips keys)
     */
    public record StatusRangeView(PartitionStatus status, String from, String to, long firstIndex, long lastIndex,
            long count) {
    }

    /** @param counts partitions per status, every status present */
    public record ProgressView(Map<PartitionStatus, Long> counts, List<StatusRangeView> ranges) {
    }

    public record BackfillDetailView(BackfillView backfill, ProgressView progress) {
    }

    /** @param nextCursor pass as {@code cursor} for the next (older) page; null on the last page */
    public record BackfillPageView(List<BackfillView> backfills, String nextCursor) {
    }

    /**
     * A backfill accepted: the daemon submits its runs from now on.
     *
     * @param numRuns the runs its policy cuts the partitions into (with "only stale and missing", chunks that are
     *                up to date when submitted start none)
     */
    public record BackfillCreatedView(String backfillId, BackfillStatus status, String partitionsAsset,
            long numPartitions, long numRuns, String parentId) {
    }

    /**
     * @param numRuns      the runs the policy cuts the partitions into
     * @param runsWithWork of those, the runs that would start now (the others have nothing stale or missing)
     * @param stepCount    the steps of those runs, summed
     * @param estimated    whether the two counts above were extrapolated from the first 1,000 runs
     */
    public record BackfillPreviewView(String selection, List<String> assets, String partitionsAsset,
            String partitions, long numPartitions, Object policy, long numRuns, long runsWithWork, long stepCount,
            boolean estimated) {
    }
}
