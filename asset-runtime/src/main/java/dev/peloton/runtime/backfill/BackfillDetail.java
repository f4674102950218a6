package dev.peloton.runtime.backfill;

/** A backfill with the progress of its partitions, for the detail page. */
public record BackfillDetail(BackfillRecord backfill, BackfillProgress progress) {
}
