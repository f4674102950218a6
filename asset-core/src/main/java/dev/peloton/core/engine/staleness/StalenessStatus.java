package dev.peloton.core.engine.staleness;

/** The staleness of one asset partition. */
public enum StalenessStatus {
    /** Never materialized. */
    MISSING,
    /** Materialized, but something it was computed from has changed since, or is itself stale or missing. */
    STALE,
    /** Materialized from the current code and the current upstream data, all of it fresh. */
    FRESH
}
