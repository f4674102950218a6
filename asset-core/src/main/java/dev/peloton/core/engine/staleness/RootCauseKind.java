package dev.peloton.core.engine.staleness;

/** What is wrong where a chain of stale upstream partitions begins. */
public enum RootCauseKind {
    /** The partition was never materialized. */
    MISSING,
    /** Its code version changed. */
    CODE_VERSION_CHANGED,
    /** Data it read changed. */
    UPSTREAM_DATA_CHANGED,
    /** Its dependencies changed. */
    DEPENDENCIES_CHANGED;

    static RootCauseKind of(StaleCauseKind kind) {
        return switch (kind) {
            case CODE_VERSION_CHANGED -> CODE_VERSION_CHANGED;
            case UPSTREAM_DATA_CHANGED -> UPSTREAM_DATA_CHANGED;
            case DEPENDENCIES_CHANGED -> DEPENDENCIES_CHANGED;
            case UPSTREAM_STALE, UPSTREAM_MISSING -> throw new IllegalArgumentException(kind + " is never a root cause");
        };
    }
}
