package dev.peloton.core.engine.plan;

/**
 * How many partitions one step computes. Steps over several partitions need assets that handle ranges
 * ({@code handlesRanges}); other assets fall back to one step per partition, and the plan says so in its notes.
 * Steps never span a gap: partitions left out of a plan split a range into several steps.
 */
public sealed interface StepGranularity {

    /** One step per partition. */
    static StepGranularity perPartition() {
        return PerPartition.INSTANCE;
    }

    /** Steps of at most {@code size} consecutive partitions. */
    static StepGranularity chunks(int size) {
        return new Chunks(size);
    }

    /** One step over each contiguous range of partitions planned. */
    static StepGranularity wholeRange() {
        return WholeRange.INSTANCE;
    }

    enum PerPartition implements StepGranularity {
        INSTANCE;

        @Override
        public String toString() {
            return "one step per partition";
        }
    }

    record Chunks(int size) implements StepGranularity {
        public Chunks {
            if (size < 1) {
                throw new IllegalArgumentException("A chunk holds at least one partition, got " + size);
            }
        }

        @Override
        public String toString() {
            return "chunks of " + size + " partitions";
        }
    }

    enum WholeRange implements StepGranularity {
        INSTANCE;

        @Override
        public String toString() {
            return "one step per range";
        }
    }
}
