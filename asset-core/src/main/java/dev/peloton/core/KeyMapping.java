package dev.peloton.core;

import dev.peloton.core.engine.partition.KeyMappings;
import java.util.Collection;

/**
 * A custom {@link PartitionMapping} written one key at a time: given a downstream key, the upstream keys it reads.
 * Peloton adapts it to sets. Finding the upstream of a set costs one call per partition in the set; finding the
 * downstream of a set costs one call per downstream partition, so keep it to definitions of modest size (or
 * implement {@link PartitionMapping} on ranges).
 *
 * <pre>{@code
 * @Mapping("previous_edition")
 * static final KeyMapping PREVIOUS_EDITION = KeyMapping.of("previous edition",
 *         (edition, down, up) -> List.of(String.valueOf(Integer.parseInt(edition) - 1)));
 * }</pre>
 *
 * Every returned key must be a key of the upstream definition; another is an error that names the mapping and the
 * keys, so that a typo is not silently read as "no input".
 */
@FunctionalInterface
public interface KeyMapping extends PartitionMapping {

    /** The upstream keys that the downstream partition {@code downstreamKey} reads (none: an empty collection). */
    Collection<String> upstreamKeys(String downstreamKey, PartitionsDefinition downstreamDef,
            PartitionsDefinition upstreamDef);

    @Override
    default PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
            PartitionsDefinition upstreamDef) {
        return KeyMappings.upstreamOf(this, downstream, downstreamDef, upstreamDef);
    }

    @Override
    default PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
            PartitionsDefinition downstreamDef) {
        return KeyMappings.downstreamOf(this, upstream, upstreamDef, downstreamDef);
    }

    @Override
    default String describe() {
        return "custom key mapping";
    }

    /** A key mapping with a description for the UI and error messages. */
    static KeyMapping of(String description, KeyMapping mapping) {
        return KeyMappings.described(description, mapping);
    }
}
