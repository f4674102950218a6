package dev.peloton.runtime.backfill;

import dev.peloton.core.PartitionSet;
import java.util.Arrays;

/**
 * A backfill's partitions cut into chunks in partition order: chunk {@code i} holds the partitions at positions
 * {@code [i*k, (i+1)*k)} of the set. Positions are found by binary search over the set's ranges, so cutting costs
 * the ranges of the chunk, never a walk over the partitions before it.
 */
final class BackfillChunks {

    private final PartitionSet set;
    private final long perChunk;
    private final long count;
    /** prefix[r] = how many partitions the ranges before range r hold. */
    private final long[] prefix;
    private final long[] starts;

    BackfillChunks(PartitionSet set, long perChunk) {
        this.set = set;
        this.perChunk = perChunk;
        this.count = set.count();
        int n = set.rangeCount();
        this.prefix = new long[n + 1];
        this.starts = new long[n];
        for (int r = 0; r < n; r++) {
            starts[r] = set.rangeStart(r);
            prefix[r + 1] = prefix[r] + (set.rangeEnd(r) - set.rangeStart(r));
        }
    }

    long chunkCount() {
        return count == 0 ? 0 : (count + perChunk - 1) / perChunk;
    }

    PartitionSet chunk(long i) {
        return positions(i * perChunk, Math.min(count, (i + 1) * perChunk));
    }

    /** The partitions of the first {@code chunks} chunks. */
    PartitionSet firstChunks(long chunks) {
        return positions(0, Math.min(count, chunks * perChunk));
    }

    /** The partitions at positions {@code [from, to)} of the set. */
    PartitionSet positions(long from, long to) {
        if (from >= to) {
            return PartitionSet.empty();
        }
        PartitionSet.Builder b = PartitionSet.builder();
        int r = rangeOfPosition(from);
        long pos = from;
        while (pos < to) {
            long offset = pos - prefix[r];
            long take = Math.min(to - pos, prefix[r + 1] - pos);
            b.addRange(starts[r] + offset, starts[r] + offset + take);
            pos += take;
            r++;
        }
        return b.build();
    }

    /** The position of {@code index} in the set; the index must be in it. */
    long positionOf(long index) {
        int r = Arrays.binarySearch(starts, index);
        if (r < 0) {
            r = -r - 2;
        }
        return prefix[r] + (index - starts[r]);
    }

    private int rangeOfPosition(long position) {
        int r = Arrays.binarySearch(prefix, position);
        // An exact hit on prefix[r] is the first position of range r; ranges are never empty.
        return r >= 0 ? r : -r - 2;
    }

    PartitionSet set() {
        return set;
    }
}
