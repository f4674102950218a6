package dev.peloton.core;

import java.util.List;

/**
 * Where an {@link IOManager} stores a value.
 *
 * @param asset         the asset stored
 * @param partitions    the definition of the asset's partitions
 * @param partitionKeys the partitions the value covers, in order; {@code [""]} for an unpartitioned asset
 * @param runId         the run storing it
 */
public record OutputContext(AssetKey asset, PartitionsDefinition partitions, List<String> partitionKeys, String runId) {

    public OutputContext {
        partitionKeys = List.copyOf(partitionKeys);
    }
}
