package dev.peloton.runtime.metrics;

/**
 * The names of Peloton's meters (Micrometer names; Prometheus writes dots as underscores and adds the unit, e.g.
 * {@code peloton.step.duration} becomes {@code peloton_step_duration_seconds}). See {@code docs/metrics.md}.
 */
public final class PelotonMeterNames {

    /** Gauge: runs in the database per {@code status}. */
    public static final String RUNS = "peloton.runs";
    /** Gauge: QUEUED runs in the database, across the cluster. */
    public static final String QUEUE_DEPTH = "peloton.queue.depth";
    /** Gauge: age in seconds of the oldest QUEUED run (0 when none). */
    public static final String QUEUE_OLDEST_AGE = "peloton.queue.oldest.age";
    /** Timer: from a run's creation to its claim by a worker of this node. */
    public static final String QUEUE_WAIT = "peloton.queue.wait";
    /** Timer: step attempts executed on this node, per {@code asset} and {@code outcome}. */
    public static final String STEP_DURATION = "peloton.step.duration";
    /** Counter: runs this node finished, per {@code outcome}. */
    public static final String RUNS_FINISHED = "peloton.runs.finished";
    /** Gauge: partitions an active backfill asked for, per {@code backfill} id. */
    public static final String BACKFILL_REQUESTED = "peloton.backfill.partitions.requested";
    /** Gauge: partitions of an active backfill that succeeded (or were up to date). */
    public static final String BACKFILL_SUCCEEDED = "peloton.backfill.partitions.succeeded";
    /** Gauge: partitions of an active backfill that failed. */
    public static final String BACKFILL_FAILED = "peloton.backfill.partitions.failed";
    /** Gauge: how late the latest tick of a schedule started after its scheduled time, per {@code schedule}. */
    public static final String SCHEDULE_LAG = "peloton.schedule.lag";

    private PelotonMeterNames() {
    }
}
