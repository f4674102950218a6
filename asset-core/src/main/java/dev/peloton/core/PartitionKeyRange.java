package dev.peloton.core;

/** An inclusive range of partition keys, {@code start..end}. */
public record PartitionKeyRange(String start, String end) {

    public PartitionKeyRange {
        if (start == null || end == null) {
            throw new IllegalArgumentException("A partition key range needs a start and an end");
        }
    }

    public static PartitionKeyRange single(String key) {
        return new PartitionKeyRange(key, key);
    }

    @Override
    public String toString() {
        return start.equals(end) ? start : start + ".." + end;
    }
}
