package dev.peloton.core;

/** A partition key that is not one of an asset's partitions. The message names the asset, the key and the valid keys. */
public class InvalidPartitionKeyException extends IllegalArgumentException {

    private final String partitionKey;

    public InvalidPartitionKeyException(AssetKey asset, String partitionKey, PartitionsDefinition definition) {
        this(asset, partitionKey, definition, null);
    }

    /**
     * @param reason why the key is not a partition ("it does not match the key format yyyy-MM-dd"), or
     *               {@code null} when there is nothing to add to "it is not one of the valid keys"
     */
    public InvalidPartitionKeyException(AssetKey asset, String partitionKey, PartitionsDefinition definition,
            String reason) {
        super("Partition key " + quote(partitionKey) + " is not a partition of "
                + (asset == null ? "this partitions definition" : "asset " + asset)
                + (reason == null ? ": valid keys are " : ": " + sentence(reason) + " Valid keys are ")
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

    private static String sentence(String reason) {
        return reason.endsWith(".") || reason.endsWith("?") ? reason : reason + ".";
    }

    private static String quote(String key) {
        return key == null ? "null" : "'" + key + "'";
    }
}
