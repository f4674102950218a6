package dev.peloton.core;

/** A partition key that is not one of an asset's partitions. The message names the asset, the key and the valid keys. */
public class InvalidPartitionKeyException extends IllegalArgumentException {

    private final String partitionKey;

    public InvalidPartitionKeyException(AssetKey asset, String partitionKey, PartitionsDefinition definition) {
        super("Partition key '" + partitionKey + "' is not a partition of "
                + (asset == null ? "this partitions definition" : "asset " + asset) + ": valid keys are "
                + definition.describe());
        this.partitionKey = partitionKey;
    }

    public InvalidPartitionKeyException(String message, String partitionKey) {
        super(message);
        this.partitionKey = partitionKey;
    }

    public String partitionKey() {
        return partitionKey;
    }
}
