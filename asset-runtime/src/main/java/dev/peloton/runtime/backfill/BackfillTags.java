package dev.peloton.runtime.backfill;

/** The tags Peloton puts on every run of a backfill. */
public final class BackfillTags {

    /** The backfill's id (the run's {@code backfill_id} column holds it too). */
    public static final String BACKFILL_ID = "peloton/backfill_id";
    /** The chunk number within the backfill; the run key is {@code backfill:<id>:<chunk>}. */
    public static final String CHUNK = "peloton/backfill_chunk";
    /** The backfill partitions of the run, as range-encoded indices ({@code "0-6,9"}): progress reads these. */
    public static final String PARTITIONS = "peloton/backfill_partitions";
    /** The partition key of a run over one partition. */
    public static final String PARTITION = "peloton/partition";
    /** The first and last keys of a run over several partitions. */
    public static final String RANGE_START = "peloton/partition_range_start";
    public static final String RANGE_END = "peloton/partition_range_end";

    private BackfillTags() {
    }

    /** The run key of chunk {@code chunk} of backfill {@code backfillId}: retrying its submission starts no run. */
    public static String runKey(String backfillId, long chunk) {
        return "backfill:" + backfillId + ":" + chunk;
    }
}
