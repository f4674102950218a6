package dev.peloton.core.engine.partition;

import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import java.util.Optional;

/** The same key upstream as downstream; between equal definitions, the same indices. */
public enum IdentityMapping implements PartitionMapping {
    INSTANCE;

    @Override
    public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
            PartitionsDefinition upstreamDef) {
        return KeyTranslation.translate(downstream, downstreamDef, upstreamDef);
    }

    @Override
    public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
            PartitionsDefinition downstreamDef) {
        return KeyTranslation.translate(upstream, upstreamDef, downstreamDef);
    }

    @Override
    public Optional<String> incompatibility(PartitionsDefinition upstreamDef, PartitionsDefinition downstreamDef) {
        return KeyTranslation.incompatibility("identity", upstreamDef, downstreamDef);
    }

    @Override
    public String describe() {
        return "identity";
    }
}
