package dev.peloton.runtime.api;

/**
 * What the API shows for one asset partition: its staleness, unless a run is materializing it now or its latest
 * attempt failed, which say more about what to do next.
 */
public enum PartitionStatus {
    /** Materialized from the current code and current upstream data. */
    FRESH,
    /** Materialized, but something it was computed from has changed since. */
    STALE,
    /** Never materialized. */
    MISSING,
    /** Its latest attempt failed. */
    FAILED,
    /** A run is materializing it now. */
    IN_PROGRESS
}
