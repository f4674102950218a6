package dev.peloton.core.engine.partition;

import dev.peloton.core.MultiPartitions;
import dev.peloton.core.PartitionSet;

/**
 * Set operations between a multi-dimensional definition and one of its dimensions, on ranges of the mixed-radix
 * index: a step of dimension {@code d} spans {@code stride} indices, the product of the sizes after it.
 */
public final class MixedRadix {

    private MixedRadix() {
    }

    /** The keys of dimension {@code d} that occur in the multi-dimensional {@code set}; O(ranges). */
    public static PartitionSet project(MultiPartitions multi, int d, PartitionSet set) {
        long[] sizes = multi.sizes();
        long n = sizes[d];
        long stride = MultiPartitions.product(sizes, d + 1, sizes.length);
        if (n == 0 || stride == 0) {
            return PartitionSet.empty();
        }
        PartitionSet in = set.intersect(PartitionSet.all(MultiPartitions.product(sizes, 0, sizes.length)));
        Ranges out = new Ranges();
        for (int r = 0; r < in.rangeCount(); r++) {
            // Along a range of indices, digit d counts up by one every stride indices, wrapping at n.
            long q0 = in.rangeStart(r) / stride;
            long q1 = (in.rangeEnd(r) - 1) / stride;
            if (q1 - q0 + 1 >= n) {
                return PartitionSet.all(n);
            }
            long lo = q0 % n;
            long hi = q1 % n;
            if (lo <= hi) {
                out.add(lo, hi + 1);
            } else {
                out.add(lo, n);
                out.add(0, hi + 1);
            }
        }
        return out.build();
    }

    /**
     * The multi-dimensional partitions whose key of dimension {@code d} is in {@code keys}: one range per range of
     * {@code keys} per combination of the dimensions before {@code d}.
     */
    public static PartitionSet expand(MultiPartitions multi, int d, PartitionSet keys) {
        long[] sizes = multi.sizes();
        long n = sizes[d];
        PartitionSet in = keys.intersect(PartitionSet.all(n));
        long stride = MultiPartitions.product(sizes, d + 1, sizes.length);
        long prefixes = MultiPartitions.product(sizes, 0, d);
        if (in.isEmpty() || stride == 0 || prefixes == 0) {
            return PartitionSet.empty();
        }
        if (in.count() == n) {
            return PartitionSet.all(prefixes * n * stride);
        }
        PartitionSet.Builder b = PartitionSet.builder();
        for (long p = 0; p < prefixes; p++) {
            long base = p * n;
            for (int r = 0; r < in.rangeCount(); r++) {
                b.addRange((base + in.rangeStart(r)) * stride, (base + in.rangeEnd(r)) * stride);
            }
        }
        return b.build();
    }
}
