package dev.peloton.core.engine.staleness;

/** The kinds of {@link StaleCause}. */
public enum StaleCauseKind {
    /** The asset's code version differs from the one that produced its materialization. */
    CODE_VERSION_CHANGED,
    /** An upstream partition read has a different data version than when the materialization read it. */
    UPSTREAM_DATA_CHANGED,
    /** An upstream asset was added to or removed from the asset's dependencies since. */
    DEPENDENCIES_CHANGED,
    /** An upstream partition read is itself stale. */
    UPSTREAM_STALE,
    /** An upstream partition read was never materialized. */
    UPSTREAM_MISSING;

    /** Whether the cause lies in the asset partition itself rather than in its upstream's staleness. */
    public boolean isDirect() {
        return this == CODE_VERSION_CHANGED || this == UPSTREAM_DATA_CHANGED || this == DEPENDENCIES_CHANGED;
    }
}
