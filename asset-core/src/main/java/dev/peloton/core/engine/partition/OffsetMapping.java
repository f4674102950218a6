package dev.peloton.core.engine.partition;

import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import java.util.Optional;

/**
 * The upstream partition {@code offset} places away, in the upstream's ordered keys, from the upstream partition
 * with the downstream key: -1 is the previous one (the previous race day, skipping rest days). A downstream
 * partition whose offset partition does not exist (the first one, for -1) reads nothing.
 */
public record OffsetMapping(int offset) implements PartitionMapping {

    @Override
    public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
            PartitionsDefinition upstreamDef) {
        return KeyTranslation.translate(downstream, downstreamDef, upstreamDef).shift(offset, upstreamDef.size());
    }

    @Override
    public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
            PartitionsDefinition downstreamDef) {
        return KeyTranslation.translate(upstream.shift(-(long) offset, upstreamDef.size()), upstreamDef,
                downstreamDef);
    }

    @Override
    public Optional<String> incompatibility(PartitionsDefinition upstreamDef, PartitionsDefinition downstreamDef) {
        return KeyTranslation.incompatibility(describe(), upstreamDef, downstreamDef);
    }

    @Override
    public String describe() {
        return "offset(" + offset + ")";
    }
}
