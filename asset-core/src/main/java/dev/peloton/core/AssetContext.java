package dev.peloton.core;

import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * What an asset or check method knows about the step it runs in. Declare a parameter of this type to get it.
 */
public interface AssetContext {

    /** The asset computed (for a multi-asset, the first selected output). */
    AssetKey assetKey();

    /** For a multi-asset, the outputs this invocation must produce. */
    Set<AssetKey> selectedAssets();

    /** Whether this step works on partitions at all. */
    boolean isPartitioned();

    /**
     * The single partition key of this step.
     *
     * @throws IllegalStateException if the asset is unpartitioned or the step covers a range
     */
    String partitionKey();

    /** The partition keys of this step, in order: one for a single partition, several for a range. */
    List<String> partitionKeys();

    /** The first and last key of this step. */
    PartitionKeyRange partitionKeyRange();

    /** Id of the run this step belongs to. */
    String runId();

    /** 1 for the first attempt, 2 for the first retry, ... */
    int attempt();

    /** A logger whose lines are also recorded as run events. */
    Logger log();

    /** Attaches a metadata entry (a number, text, {@link TablePreview}, ...) to the materialization. */
    void addMetadata(String key, Object value);

    /** Shorthand for the {@code row_count} metadata entry. */
    default void rowCount(long rows) {
        addMetadata("row_count", rows);
    }

    /** Shorthand for the {@code preview} metadata entry. */
    default void preview(TablePreview preview) {
        addMetadata("preview", preview);
    }

    /** Sets the data version of the value produced, instead of the one derived from code and inputs. */
    void dataVersion(String dataVersion);

    /** A resource registered under {@code name} (a data source, a client, a directory, ...). */
    <T> T resource(String name, Class<T> type);

    /** Whether the run was asked to stop; long loops should check it and return early. */
    boolean isCancelRequested();
}
