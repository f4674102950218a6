package dev.peloton.runtime.storage;

/**
 * The stored status of one asset partition, as kept in the latest-state table. A partition without a row is
 * missing; staleness is not stored: it is computed from this state and the current code versions.
 */
public enum AssetPartitionStatus {
    /** A run is materializing it now (whatever happened before). */
    IN_PROGRESS,
    /** Its latest attempt failed (it may still have an older materialization). */
    FAILED,
    /** Its latest attempt succeeded. */
    MATERIALIZED,
    /** It has a row but neither a materialization nor a failure: a run started it and stopped without either. */
    NONE
}
