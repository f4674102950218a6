package dev.peloton.core.engine.partition;

import dev.peloton.core.PartitionSet;
import java.util.Arrays;

/** Collects half-open ranges in any order into a {@link PartitionSet} (whose builder wants them sorted). */
final class Ranges {

    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int n;
    private boolean sorted = true;

    void add(long fromInclusive, long toExclusive) {
        if (toExclusive <= fromInclusive) {
            return;
        }
        if (n == starts.length) {
            starts = Arrays.copyOf(starts, n * 2);
            ends = Arrays.copyOf(ends, n * 2);
        }
        if (n > 0 && fromInclusive < starts[n - 1]) {
            sorted = false;
        }
        starts[n] = fromInclusive;
        ends[n] = toExclusive;
        n++;
    }

    PartitionSet build() {
        Integer[] order = null;
        if (!sorted) {
            order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
        }
        PartitionSet.Builder b = PartitionSet.builder();
        for (int i = 0; i < n; i++) {
            int k = order == null ? i : order[i];
            b.addRange(starts[k], ends[k]);
        }
        return b.build();
    }
}
