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
