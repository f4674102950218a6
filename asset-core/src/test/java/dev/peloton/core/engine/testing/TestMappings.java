package dev.peloton.core.engine.testing;

import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;

/**
 * Index-based mappings written for the tests, standing in for the built-in offset and window mappings: both
 * work set-wise, range by range, as a real mapping must for big windows to stay cheap.
 */
public final class TestMappings {

    private TestMappings() {
    }

    /** Partition {@code p} reads upstream partition {@code p - 1}; the first reads nothing. */
    public static PartitionMapping previous() {
        return new Previous();
    }

    /** Partition {@code p} reads upstream partitions {@code p-size+1..p}; size 0 reads {@code 0..p}. */
    public static PartitionMapping windowUpTo(int size) {
        return new WindowUpTo(size);
    }

    private record Previous() implements PartitionMapping {
        @Override
        public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
                PartitionsDefinition upstreamDef) {
            return downstream.shift(-1, upstreamDef.size());
        }

        @Override
        public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
                PartitionsDefinition downstreamDef) {
            return upstream.shift(1, downstreamDef.size());
        }

        @Override
        public String describe() {
            return "previous (test)";
        }
    }

    private record WindowUpTo(int size) implements PartitionMapping {
        @Override
        public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
                PartitionsDefinition upstreamDef) {
            PartitionSet.Builder b = PartitionSet.builder();
            long n = upstreamDef.size();
            for (int r = 0; r < downstream.rangeCount(); r++) {
                long from = size == 0 ? 0 : Math.max(0, downstream.rangeStart(r) - size + 1);
                b.addRange(Math.min(from, n), Math.min(downstream.rangeEnd(r), n));
            }
            return b.build();
        }

        @Override
        public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
                PartitionsDefinition downstreamDef) {
            PartitionSet.Builder b = PartitionSet.builder();
            long n = downstreamDef.size();
            for (int r = 0; r < upstream.rangeCount(); r++) {
                long to = size == 0 ? n : Math.min(n, upstream.rangeEnd(r) + size - 1);
                b.addRange(Math.min(upstream.rangeStart(r), n), to);
            }
            return b.build();
        }

        @Override
        public String describe() {
            return "window " + size + " (test)";
        }
    }
}
