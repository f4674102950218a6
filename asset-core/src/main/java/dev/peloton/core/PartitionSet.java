package dev.peloton.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;

/**
 * An immutable set of partition indices (positions in a {@link PartitionsDefinition}'s ordered keys),
 * encoded as sorted, disjoint, non-adjacent half-open ranges. Counting, membership and set algebra cost
 * the number of ranges, never the number of partitions: "all 1,000,000 partitions but three" is four ranges.
 */
public final class PartitionSet {

    private static final PartitionSet EMPTY = new PartitionSet(new long[0], new long[0]);

    // starts[i] < ends[i] <= starts[i + 1] - 1: ranges never touch, so the encoding is canonical.
    private final long[] starts;
    private final long[] ends;
    private final long count;

    private PartitionSet(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
        long c = 0;
        for (int i = 0; i < starts.length; i++) {
            c += ends[i] - starts[i];
        }
        this.count = c;
    }

    public static PartitionSet empty() {
        return EMPTY;
    }

    /** Indices {@code 0..size-1}. */
    public static PartitionSet all(long size) {
        return range(0, size);
    }

    /** Indices {@code fromInclusive..toExclusive-1}; empty when the range is. */
    public static PartitionSet range(long fromInclusive, long toExclusive) {
        if (fromInclusive < 0) {
            throw new IllegalArgumentException("Partition indices are >= 0, got " + fromInclusive);
        }
        if (toExclusive <= fromInclusive) {
            return EMPTY;
        }
        return new PartitionSet(new long[] {fromInclusive}, new long[] {toExclusive});
    }

    public static PartitionSet of(long... indices) {
        long[] sorted = indices.clone();
        Arrays.sort(sorted);
        Builder b = builder();
        for (long i : sorted) {
            b.add(i);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public long count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Number of ranges in the encoding. */
    public int rangeCount() {
        return starts.length;
    }

    public long rangeStart(int i) {
        return starts[i];
    }

    /** Exclusive end of range {@code i}. */
    public long rangeEnd(int i) {
        return ends[i];
    }

    public List<LongRange> ranges() {
        List<LongRange> out = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            out.add(new LongRange(starts[i], ends[i]));
        }
        return out;
    }

    public boolean contains(long index) {
        int i = Arrays.binarySearch(starts, index);
        if (i >= 0) {
            return true;
        }
        int before = -i - 2;
        return before >= 0 && index < ends[before];
    }

    /** Whether every index of {@code other} is in this set. */
    public boolean containsAll(PartitionSet other) {
        return other.minus(this).isEmpty();
    }

    public boolean intersects(PartitionSet other) {
        int i = 0;
        int j = 0;
        while (i < starts.length && j < other.starts.length) {
            if (ends[i] <= other.starts[j]) {
                i++;
            } else if (other.ends[j] <= starts[i]) {
                j++;
            } else {
                return true;
            }
        }
        return false;
    }

    public long first() {
        if (isEmpty()) {
            throw new NoSuchElementException("empty partition set");
        }
        return starts[0];
    }

    public long last() {
        if (isEmpty()) {
            throw new NoSuchElementException("empty partition set");
        }
        return ends[ends.length - 1] - 1;
    }

    public PartitionSet union(PartitionSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Builder b = new Builder(starts.length + other.starts.length);
        int i = 0;
        int j = 0;
        while (i < starts.length || j < other.starts.length) {
            if (j >= other.starts.length || (i < starts.length && starts[i] <= other.starts[j])) {
                b.addRange(starts[i], ends[i]);
                i++;
            } else {
                b.addRange(other.starts[j], other.ends[j]);
                j++;
            }
        }
        return b.build();
    }

    public PartitionSet intersect(PartitionSet other) {
        Builder b = new Builder(Math.min(starts.length, other.starts.length) + 1);
        int i = 0;
        int j = 0;
        while (i < starts.length && j < other.starts.length) {
            long lo = Math.max(starts[i], other.starts[j]);
            long hi = Math.min(ends[i], other.ends[j]);
            if (lo < hi) {
                b.addRange(lo, hi);
            }
            if (ends[i] < other.ends[j]) {
                i++;
            } else {
                j++;
            }
        }
        return b.build();
    }

    public PartitionSet minus(PartitionSet other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        Builder b = new Builder(starts.length + other.starts.length);
        int j = 0;
        for (int i = 0; i < starts.length; i++) {
            long lo = starts[i];
            long hi = ends[i];
            while (j < other.starts.length && other.ends[j] <= lo) {
                j++;
            }
            int k = j;
            while (lo < hi && k < other.starts.length && other.starts[k] < hi) {
                if (other.starts[k] > lo) {
                    b.addRange(lo, other.starts[k]);
                }
                lo = Math.max(lo, other.ends[k]);
                k++;
            }
            if (lo < hi) {
                b.addRange(lo, hi);
            }
        }
        return b.build();
    }

    /** The indices {@code 0..size-1} not in this set. */
    public PartitionSet complement(long size) {
        return all(size).minus(this);
    }

    /** Every index moved by {@code offset}; indices that would fall outside {@code 0..size-1} are dropped. */
    public PartitionSet shift(long offset, long size) {
        Builder b = new Builder(starts.length);
        for (int i = 0; i < starts.length; i++) {
            long lo = Math.max(0, starts[i] + offset);
            long hi = Math.min(size, ends[i] + offset);
            if (lo < hi) {
                b.addRange(lo, hi);
            }
        }
        return b.build();
    }

    /**
     * Maps each range through a monotone non-decreasing function on indices: the image of {@code [a, b)} is
     * {@code [f(a), f(b - 1) + 1)}. Only correct for monotone functions that hit every index in between, such as
     * the index maps between two time-window definitions.
     */
    public PartitionSet mapMonotone(LongUnaryOperator f) {
        Builder b = new Builder(starts.length);
        for (int i = 0; i < starts.length; i++) {
            long lo = f.applyAsLong(starts[i]);
            long hi = f.applyAsLong(ends[i] - 1) + 1;
            if (lo < hi) {
                b.addRange(lo, hi);
            }
        }
        return b.build();
    }

    /** The indices in ascending order. Costs the number of partitions: keep it off hot paths. */
    public LongStream indices() {
        return LongStream.range(0, starts.length).flatMap(i -> LongStream.range(starts[(int) i], ends[(int) i]));
    }

    public PrimitiveIterator.OfLong iterator() {
        return indices().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionSet p && Arrays.equals(starts, p.starts) && Arrays.equals(ends, p.ends);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(starts) + Arrays.hashCode(ends);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < starts.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(starts[i]);
            if (ends[i] - starts[i] > 1) {
                sb.append("..").append(ends[i] - 1);
            }
        }
        return sb.append('}').toString();
    }

    /** A half-open range {@code [start, end)} of indices. */
    public record LongRange(long start, long end) {
        public long size() {
            return end - start;
        }
    }

    /**
     * Builds a set from indices or ranges given in ascending order of their starts; overlapping and touching
     * ranges are merged. Out-of-order input is rejected, so a builder never sorts.
     */
    public static final class Builder {
        private long[] starts;
        private long[] ends;
        private int n;

        private Builder() {
            this(4);
        }

        private Builder(int capacity) {
            starts = new long[Math.max(capacity, 1)];
            ends = new long[Math.max(capacity, 1)];
        }

        public Builder add(long index) {
            return addRange(index, index + 1);
        }

        public Builder addRange(long fromInclusive, long toExclusive) {
            if (fromInclusive < 0) {
                throw new IllegalArgumentException("Partition indices are >= 0, got " + fromInclusive);
            }
            if (toExclusive <= fromInclusive) {
                return this;
            }
            if (n > 0) {
                if (fromInclusive < starts[n - 1]) {
                    throw new IllegalArgumentException("Ranges must be added in ascending order: " + fromInclusive
                            + " after " + starts[n - 1]);
                }
                if (fromInclusive <= ends[n - 1]) {
                    ends[n - 1] = Math.max(ends[n - 1], toExclusive);
                    return this;
                }
            }
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            starts[n] = fromInclusive;
            ends[n] = toExclusive;
            n++;
            return this;
        }

        public PartitionSet build() {
            if (n == 0) {
                return EMPTY;
            }
            return new PartitionSet(Arrays.copyOf(starts, n), Arrays.copyOf(ends, n));
        }
    }
}
