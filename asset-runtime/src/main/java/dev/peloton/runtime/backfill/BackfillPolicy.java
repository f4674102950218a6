package dev.peloton.runtime.backfill;

/**
 * How a backfill's partitions are grouped into runs. Chunks are cut in partition order, so chunk {@code i} is the
 * same set of partitions on every node and a run key {@code backfill:<id>:<i>} names it for good.
 */
public sealed interface BackfillPolicy {

    /** One run per partition: the most isolation (a failure stops one partition), the most runs. */
    static BackfillPolicy onePerPartition() {
        return OnePerPartition.INSTANCE;
    }

    /** Runs of at most {@code size} partitions each (one step per partition and asset inside the run). */
    static BackfillPolicy chunks(int size) {
        return new Chunks(size);
    }

    /**
     * One run over every partition. Its steps use the planner's whole-range granularity: an asset that handles
     * ranges computes each contiguous range in one step; other assets get one step per partition.
     */
    static BackfillPolicy singleRun() {
        return SingleRun.INSTANCE;
    }

    /** How many partitions one run covers at most. */
    long partitionsPerRun(long totalPartitions);

    /** The name stored in the {@code policy} column. */
    String storedName();

    enum OnePerPartition implements BackfillPolicy {
        INSTANCE;

        @Override
        public long partitionsPerRun(long totalPartitions) {
            return 1;
        }

        @Override
        public String storedName() {
            return "ONE_RUN_PER_PARTITION";
        }

        @Override
        public String toString() {
            return "one run per partition";
        }
    }

    record Chunks(int size) implements BackfillPolicy {
        public Chunks {
            if (size < 1) {
                throw new InvalidBackfillException("A backfill chunk holds at least one partition, got " + size);
            }
        }

        @Override
        public long partitionsPerRun(long totalPartitions) {
            return size;
        }

        @Override
        public String storedName() {
            return "BATCHED";
        }

        @Override
        public String toString() {
            return "runs of " + size + " partitions";
        }
    }

    enum SingleRun implements BackfillPolicy {
        INSTANCE;

        @Override
        public long partitionsPerRun(long totalPartitions) {
            return Math.max(1, totalPartitions);
        }

        @Override
        public String storedName() {
            return "SINGLE_RUN";
        }

        @Override
        public String toString() {
            return "a single run";
        }
    }

    /** The policy stored as {@code name} (and {@code maxPartitionsPerRun} for chunks). */
    static BackfillPolicy fromStored(String name, Integer maxPartitionsPerRun) {
        return switch (name) {
            case "ONE_RUN_PER_PARTITION" -> onePerPartition();
            case "SINGLE_RUN" -> singleRun();
            case "BATCHED" -> chunks(maxPartitionsPerRun == null ? 1 : maxPartitionsPerRun);
            default -> throw new IllegalStateException("Unknown stored backfill policy '" + name + "'");
        };
    }
}
