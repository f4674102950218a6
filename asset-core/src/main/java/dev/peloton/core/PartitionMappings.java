package dev.peloton.core;

import dev.peloton.core.engine.partition.AllMapping;
import dev.peloton.core.engine.partition.DimensionMapping;
import dev.peloton.core.engine.partition.IdentityMapping;
import dev.peloton.core.engine.partition.LastMapping;
import dev.peloton.core.engine.partition.OffsetMapping;
import dev.peloton.core.engine.partition.StaticMapMapping;
import dev.peloton.core.engine.partition.TimeWindowMapping;
import dev.peloton.core.engine.partition.WindowMapping;
import java.util.Collection;
import java.util.Map;

/** The built-in {@link PartitionMapping}s. */
public final class PartitionMappings {

    private PartitionMappings() {
    }

    /** The same key upstream; for equal definitions, the same index. */
    public static PartitionMapping identity() {
        return IdentityMapping.INSTANCE;
    }

    /** Every upstream partition. */
    public static PartitionMapping all() {
        return AllMapping.INSTANCE;
    }

    /** The last upstream partition. */
    public static PartitionMapping last() {
        return LastMapping.INSTANCE;
    }

    /**
     * The upstream partition {@code offset} places away in the ordered keys (-1: the previous one), counted from
     * the upstream partition with the downstream key. Partitions at the edge, with no such partition, read nothing.
     */
    public static PartitionMapping offset(int offset) {
        return new OffsetMapping(offset);
    }

    /**
     * The upstream partitions up to and including this key: the last {@code size} of them, or all of them
     * from the first when {@code size} is 0.
     */
    public static PartitionMapping window(int size) {
        return new WindowMapping(size);
    }

    /** Projects a multi-dimensional key on one of its dimensions (either side may be the multi-dimensional one). */
    public static PartitionMapping dimension(String dimension) {
        return new DimensionMapping(dimension);
    }

    /** A static map from each downstream key to the upstream keys it reads. */
    public static PartitionMapping staticMap(Map<String, ? extends Collection<String>> downstreamToUpstream) {
        return new StaticMapMapping(downstreamToUpstream);
    }

    /** Between time windows of any lengths: the upstream windows that overlap the downstream window. */
    public static PartitionMapping timeWindow() {
        return TimeWindowMapping.INSTANCE;
    }

    /**
     * The mapping used when a parameter declares none, as Dagster infers it: {@link #all()} when either side is
     * unpartitioned, {@link #identity()} between equal definitions, {@link #timeWindow()} between time windows,
     * {@link #dimension} between a multi-dimensional definition and a definition equal to one of its dimensions,
     * and otherwise {@link #identity()} (whose {@link PartitionMapping#incompatibility} reports what does not fit).
     */
    public static PartitionMapping defaultFor(PartitionsDefinition upstream, PartitionsDefinition downstream) {
        if (!upstream.isPartitioned() || !downstream.isPartitioned()) {
            return all();
        }
        if (upstream.equals(downstream)) {
            return identity();
        }
        if (upstream instanceof TimeWindowPartitions && downstream instanceof TimeWindowPartitions) {
            return timeWindow();
        }
        if (upstream instanceof MultiPartitions m && !(downstream instanceof MultiPartitions)) {
            return sharedDimension(m, downstream);
        }
        if (downstream instanceof MultiPartitions m && !(upstream instanceof MultiPartitions)) {
            return sharedDimension(m, upstream);
        }
        return identity();
    }

    private static PartitionMapping sharedDimension(MultiPartitions multi, PartitionsDefinition single) {
        for (MultiPartitions.Dimension d : multi.dimensions()) {
            if (d.definition().equals(single)) {
                return dimension(d.name());
            }
        }
        return identity();
    }
}
