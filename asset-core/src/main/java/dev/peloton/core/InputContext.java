package dev.peloton.core;

import java.util.List;

/**
 * What an {@link IOManager} loads for a downstream step.
 *
 * @param asset         the upstream asset to load
 * @param partitions    the upstream asset's partitions definition
 * @param partitionKeys the upstream partitions the step reads (mapped from the step's partitions), in order
 * @param type          the type the parameter wants
 * @param downstream    the asset that reads it
 */
public record InputContext(AssetKey asset, PartitionsDefinition partitions, List<String> partitionKeys, Class<?> type,
        AssetKey downstream) {

    public InputContext {
        partitionKeys = List.copyOf(partitionKeys);
    }
}
