package dev.peloton.runtime.backfill;

import java.util.List;
import java.util.Map;

/**
 * Where the partitions of a backfill are, range-encoded: a count per status, and the partitions in order as runs
 * of consecutive partitions with one status (a backfill of 10,000 partitions that all succeeded is one run).
 *
 * @param counts partitions per status (every status present, zero when none)
 * @param ranges the backfill's partitions in order, grouped into maximal runs of one status
 */
public record BackfillProgress(Map<PartitionStatus, Long> counts, List<StatusRange> ranges) {

    public BackfillProgress {
        counts = Map.copyOf(counts);
        ranges = List.copyOf(ranges);
    }

    public long count(PartitionStatus status) {
        return counts.getOrDefault(status, 0L);
    }

    /**
     * Consecutive partitions of the backfill with one status.
     *
     * @param firstKey   the key of the first partition
     * @param lastKey    the key of the last partition
     * @param firstIndex its index in the partitions definition
     * @param lastIndex  the index of the last partition (inclusive)
     * @param count      how many of the backfill's partitions the range holds (fewer than
     *                   {@code lastIndex - firstIndex + 1} when the backfill skips keys)
     */
    public record StatusRange(PartitionStatus status, String firstKey, String lastKey, long firstIndex,
            long lastIndex, long count) {
    }
}
