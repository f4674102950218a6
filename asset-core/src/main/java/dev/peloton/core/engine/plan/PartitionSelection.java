package dev.peloton.core.engine.plan;

import dev.peloton.core.PartitionKeyRange;
import java.util.List;

/**
 * Which partitions a request asks for, interpreted against each selected asset's partitions definition. An asset
 * whose definition does not have the keys gets its partitions through the partition mappings from the selected
 * assets that do (see {@link Planner}).
 */
public sealed interface PartitionSelection {

    /** Every partition of every selected asset. */
    static PartitionSelection all() {
        return All.INSTANCE;
    }

    /** These partition keys. */
    static PartitionSelection keys(String... keys) {
        return new Keys(List.of(keys));
    }

    static PartitionSelection keys(List<String> keys) {
        return new Keys(keys);
    }

    /** The keys from {@code first} to {@code last}, both included. */
    static PartitionSelection range(String first, String last) {
        return new Range(new PartitionKeyRange(first, last));
    }

    static PartitionSelection range(PartitionKeyRange range) {
        return new Range(range);
    }

    /** Every partition. */
    enum All implements PartitionSelection {
        INSTANCE;

        @Override
        public String toString() {
            return "all partitions";
        }
    }

    /** A set of keys, in any order. */
    record Keys(List<String> keys) implements PartitionSelection {
        public Keys {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("A partition selection by keys needs at least one key");
            }
        }

        @Override
        public String toString() {
            return keys.size() <= 5 ? "keys " + keys : "keys [" + String.join(", ", keys.subList(0, 5)) + ", ... ("
                    + keys.size() + " keys)]";
        }
    }

    /** An inclusive range of keys. */
    record Range(PartitionKeyRange range) implements PartitionSelection {
        public Range {
            if (range == null) {
                throw new IllegalArgumentException("A partition selection by range needs a range");
            }
        }

        @Override
        public String toString() {
            return "range " + range.start() + ".." + range.end();
        }
    }
}
