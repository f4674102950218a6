package dev.peloton.core;

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
        throw new UnsupportedOperationException("PartitionMappings.last: provided by the partitions branch");
    }

    /** The upstream partition {@code offset} places away in the ordered keys (-1: the previous one). */
    public static PartitionMapping offset(int offset) {
        throw new UnsupportedOperationException("PartitionMappings.offset: provided by the partitions branch");
    }

    /**
     * The upstream partitions up to and including this key: the last {@code size} of them, or all of them
     * from the first when {@code size} is 0.
     */
    public static PartitionMapping window(int size) {
        throw new UnsupportedOperationException("PartitionMappings.window: provided by the partitions branch");
    }

    /** Projects a multi-dimensional key on one of its dimensions (either side may be the multi-dimensional one). */
    public static PartitionMapping dimension(String dimension) {
        throw new UnsupportedOperationException("PartitionMappings.dimension: provided by the partitions branch");
    }

    /** A static map from each downstream key to the upstream keys it reads. */
    public static PartitionMapping staticMap(java.util.Map<String, ? extends java.util.Collection<String>> downstreamToUpstream) {
        throw new UnsupportedOperationException("PartitionMappings.staticMap: provided by the partitions branch");
    }

    /** The mapping used when a parameter declares none, as Dagster infers it. */
    public static PartitionMapping defaultFor(PartitionsDefinition upstream, PartitionsDefinition downstream) {
        if (!upstream.isPartitioned() || !downstream.isPartitioned()) {
            return all();
        }
        return identity();
    }

    private enum IdentityMapping implements PartitionMapping {
        INSTANCE;

        @Override
        public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
                PartitionsDefinition upstreamDef) {
            return translate(downstream, downstreamDef, upstreamDef);
        }

        @Override
        public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
                PartitionsDefinition downstreamDef) {
            return translate(upstream, upstreamDef, downstreamDef);
        }

        private static PartitionSet translate(PartitionSet set, PartitionsDefinition from, PartitionsDefinition to) {
            if (from.equals(to)) {
                return set;
            }
            // Different definitions: map key by key, dropping keys the other side lacks.
            long[] indices = set.indices().map(i -> to.indexOf(from.keyAt(i))).filter(i -> i >= 0).toArray();
            return PartitionSet.of(indices);
        }

        @Override
        public String describe() {
            return "identity";
        }
    }

    private enum AllMapping implements PartitionMapping {
        INSTANCE;

        @Override
        public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
                PartitionsDefinition upstreamDef) {
            return downstream.isEmpty() ? PartitionSet.empty() : upstreamDef.all();
        }

        @Override
        public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
                PartitionsDefinition downstreamDef) {
            return upstream.isEmpty() ? PartitionSet.empty() : downstreamDef.all();
        }

        @Override
        public String describe() {
            return "all";
        }
    }
}
