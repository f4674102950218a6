package dev.peloton.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The ordered set of partition keys of an asset. Every key has an index, its position in the order, so that
 * sets of partitions are {@link PartitionSet}s of indices and never lists of strings.
 *
 * <p>An unpartitioned asset has the {@link Unpartitioned} definition: one partition with the empty key.
 *
 * <p>Equal definitions have equal keys at equal indices, so that mapping between them needs no translation.
 */
public sealed interface PartitionsDefinition
        permits Unpartitioned, StaticPartitions, TimeWindowPartitions, DynamicPartitions, MultiPartitions {

    /** Number of partitions (for a dynamic definition, at the time of the call). */
    long size();

    /** The key at {@code index}. */
    String keyAt(long index);

    /** The index of {@code key}, or -1 if it is not a key of this definition. */
    long indexOf(String key);

    /** The keys in words, for error messages: "21 daily keys from 2023-07-01 to 2023-07-23" and the like. */
    String describe();

    /**
     * Why {@code key} is not a key of this definition, when there is more to say than that it is not one ("it does
     * not match the key format yyyy-MM-dd"); empty for a valid key and for a key that is simply absent.
     */
    default Optional<String> invalidKeyReason(String key) {
        return key == null ? Optional.of("the key is null") : Optional.empty();
    }

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
            throw new InvalidPartitionKeyException(asset, key, this, invalidKeyReason(key).orElse(null));
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

    /**
     * One key per hour from {@code start} on, open-ended: a key once its hour has ended. {@code start} is in the
     * key format ({@code 2023-07-01-00:00}) or an ISO date or date-time. Change the zone (default UTC), the key
     * format or the end offset with the returned definition's {@code inZone}, {@code withKeyFormat}…
     */
    static TimeWindowPartitions hourly(String start) {
        return TimeWindowPartitions.of(TimeWindowPartitions.Granularity.HOURLY, start, null);
    }

    /** One key per hour from {@code start} to {@code end}, the last hour, included. */
    static TimeWindowPartitions hourly(String start, String end) {
        return TimeWindowPartitions.of(TimeWindowPartitions.Granularity.HOURLY, start, end);
    }

    /** One key per day ({@code 2023-07-01}) from {@code start} on, open-ended: a key once its day has ended. */
    static TimeWindowPartitions daily(String start) {
        return TimeWindowPartitions.of(TimeWindowPartitions.Granularity.DAILY, start, null);
    }

    /** One key per day from {@code start} to {@code end}, both included. */
    static TimeWindowPartitions daily(String start, String end) {
        return TimeWindowPartitions.of(TimeWindowPartitions.Granularity.DAILY, start, end);
    }

    /** One key per week (starting Sunday, as in Dagster), from the first week that starts on or after {@code start}. */
    static TimeWindowPartitions weekly(String start) {
        return TimeWindowPartitions.of(TimeWindowPartitions.Granularity.WEEKLY, start, null);
    }

    /** One key per week, up to the week that contains {@code end}. */
    static TimeWindowPartitions weekly(String start, String end) {
        return TimeWindowPartitions.of(TimeWindowPartitions.Granularity.WEEKLY, start, end);
    }

    /** One key per month ({@code 2023-07-01}), from the first month that starts on or after {@code start}. */
    static TimeWindowPartitions monthly(String start) {
        return TimeWindowPartitions.of(TimeWindowPartitions.Granularity.MONTHLY, start, null);
    }

    /** One key per month, up to the month that contains {@code end}. */
    static TimeWindowPartitions monthly(String start, String end) {
        return TimeWindowPartitions.of(TimeWindowPartitions.Granularity.MONTHLY, start, end);
    }

    /** Keys added at run time; the name identifies the definition. */
    static DynamicPartitions dynamic(String name) {
        return new DynamicPartitions(name);
    }

    /** Keys that combine one key of each dimension, in the map's order: {@code 2023-07-04|pogacar}. */
    static MultiPartitions multi(SequencedMap<String, ? extends PartitionsDefinition> dimensions) {
        return MultiPartitions.of(dimensions);
    }

    /** A builder of multi-dimensional partitions: {@code multi().dimension("stage", …).dimension(…).build()}. */
    static MultiPartitions.Builder multi() {
        return MultiPartitions.builder();
    }
}
