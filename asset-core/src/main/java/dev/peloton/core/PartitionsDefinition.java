package dev.peloton.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The ordered set of partition keys of an asset. Every key has an index, its position in the order, so that
 * sets of partitions are {@link PartitionSet}s of indices and never lists of strings.
 *
 * <p>An unpartitioned asset has the {@link Unpartitioned} definition: one partition with the empty key.
 */
public sealed interface PartitionsDefinition permits Unpartitioned, StaticPartitions {

    /** Number of partitions (for a dynamic definition, at the time of the call). */
    long size();

    /** The key at {@code index}. */
    String keyAt(long index);

    /** The index of {@code key}, or -1 if it is not a key of this definition. */
    long indexOf(String key);

    /** The keys in words, for error messages: "21 keys from 2023-07-01 to 2023-07-23" and the like. */
    String describe();

    default boolean isPartitioned() {
        return true;
    }

    default PartitionSet all() {
        return PartitionSet.all(size());
    }

    /** The index of {@code key}, or an error that names the asset, the key and the valid keys. */
    default long requireIndex(AssetKey asset, String key) {
        long index = key == null ? -1 : indexOf(key);
        if (index < 0) {
            throw new InvalidPartitionKeyException(asset, key, this);
        }
        return index;
    }

    /** The set of the given keys; every key must be valid. */
    default PartitionSet parse(AssetKey asset, Collection<String> keys) {
        long[] indices = new long[keys.size()];
        int i = 0;
        for (String key : keys) {
            indices[i++] = requireIndex(asset, key);
        }
        return PartitionSet.of(indices);
    }

    /** The keys from {@code first} to {@code last}, both included. */
    default PartitionSet range(AssetKey asset, String first, String last) {
        long from = requireIndex(asset, first);
        long to = requireIndex(asset, last);
        if (to < from) {
            throw new InvalidPartitionKeyException("Partition range " + first + ".." + last + " of "
                    + (asset == null ? "this definition" : "asset " + asset) + " is reversed: " + first
                    + " comes after " + last, first);
        }
        return PartitionSet.range(from, to + 1);
    }

    /** The keys of a set, in order. Costs the size of the set: for display and small sets only. */
    default List<String> keys(PartitionSet set) {
        List<String> out = new ArrayList<>((int) Math.min(set.count(), 1 << 20));
        set.indices().forEach(i -> out.add(keyAt(i)));
        return out;
    }

    // --- factories -------------------------------------------------------------------------------

    static PartitionsDefinition none() {
        return Unpartitioned.INSTANCE;
    }

    static StaticPartitions staticKeys(String... keys) {
        return new StaticPartitions(List.of(keys));
    }

    static StaticPartitions staticKeys(List<String> keys) {
        return new StaticPartitions(keys);
    }
}
