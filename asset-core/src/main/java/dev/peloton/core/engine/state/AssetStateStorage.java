package dev.peloton.core.engine.state;

import dev.peloton.core.AssetKey;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The latest state of each asset partition, as the planner and staleness read it and the executor writes it.
 * The runtime backs it with PostgreSQL; {@link InMemoryAssetStateStorage} serves tests and test support.
 * Implementations are thread-safe.
 */
public interface AssetStateStorage {

    /** The latest materialization of one asset partition ({@code ""} for an unpartitioned asset). */
    Optional<MaterializationRecord> latest(AssetKey asset, String partitionKey);

    /** Every latest materialization of an asset, one per materialized partition, in no particular order. */
    void forEachLatest(AssetKey asset, Consumer<MaterializationRecord> consumer);

    /**
     * Every latest materialization of each of {@code assets}, in no particular order: the bulk read behind
     * staleness. A database answers it with one query; the default asks {@link #forEachLatest} asset by asset.
     * The consumer is called from the calling thread, one record at a time.
     */
    default void forEachLatestOf(Collection<AssetKey> assets, Consumer<MaterializationRecord> consumer) {
        for (AssetKey asset : assets) {
            forEachLatest(asset, consumer);
        }
    }

    /** Makes {@code record} the latest materialization of its asset partition. */
    void recordMaterialization(MaterializationRecord record);

    /** Records that the latest attempt at an asset partition failed (its last materialization stays). */
    void recordFailure(FailureRecord failure);

    /** The latest failure of an asset partition, if it failed after its last materialization. */
    Optional<FailureRecord> latestFailure(AssetKey asset, String partitionKey);
}
