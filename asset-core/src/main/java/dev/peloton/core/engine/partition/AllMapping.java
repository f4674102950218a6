package dev.peloton.core.engine.partition;

import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;

/** Every upstream partition: the mapping into or out of an unpartitioned asset. */
public enum AllMapping implements PartitionMapping {
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
