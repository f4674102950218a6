package dev.peloton.core.engine.partition;

import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;

/** The last upstream partition (the latest day of an open-ended definition), whatever the downstream key. */
public enum LastMapping implements PartitionMapping {
    INSTANCE;

    @Override
    public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
            PartitionsDefinition upstreamDef) {
        long size = upstreamDef.size();
        return downstream.isEmpty() || size == 0 ? PartitionSet.empty() : PartitionSet.range(size - 1, size);
    }

    @Override
    public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
            PartitionsDefinition downstreamDef) {
        long size = upstreamDef.size();
        return size > 0 && upstream.contains(size - 1) ? downstreamDef.all() : PartitionSet.empty();
    }

    @Override
    public String describe() {
        return "last";
    }
}
