package dev.peloton.runtime.backfill;

/** Where one partition of a backfill is, derived from the latest run that covers it. */
public enum PartitionStatus {
    /** Not submitted yet. */
    REQUESTED,
    /** Submitted, but its plan was empty: it was up to date ("only stale and missing"), so no run was needed. */
    SKIPPED,
    QUEUED,
    /** Its run is starting, running or being canceled. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Its run was canceled, or the backfill was canceled before the partition was submitted. */
    CANCELED
}
