package dev.peloton.core;

import java.util.Optional;

/**
 * Which partitions of an upstream asset a downstream partition reads. Works on sets in both directions,
 * so that the planner and staleness never walk one partition at a time. Implement it for a custom mapping
 * (or implement {@link KeyMapping}, one key at a time, when sets are small).
 */
public interface PartitionMapping {

    /** The upstream partitions that the given downstream partitions read. */
    PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
            PartitionsDefinition upstreamDef);

    /** The downstream partitions that read any of the given upstream partitions. */
    PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
            PartitionsDefinition downstreamDef);

    /**
     * Why this mapping cannot connect the two definitions, or empty when it can. Checked once, when the
     * asset graph is validated.
     */
    default Optional<String> incompatibility(PartitionsDefinition upstreamDef, PartitionsDefinition downstreamDef) {
        return Optional.empty();
    }

    /** The mapping in words, for the UI and error messages. */
    String describe();
}
