package dev.peloton.runtime.storage;

import dev.peloton.core.AssetKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which runs to list, newest first. Every filter is optional ({@code null} or empty means any).
 *
 * @param statuses      only runs in one of these statuses
 * @param backfillId    only runs of this backfill
 * @param asset         only runs whose selection includes this asset
 * @param createdFrom   only runs created at or after this time
 * @param createdBefore only runs created before this time
 * @param after         the cursor of the previous page, or {@code null} for the first page
 * @param limit         the page size, 1 to {@link #MAX_LIMIT}
 */
public record RunQuery(Set<RunStatus> statuses, String backfillId, AssetKey asset, Instant createdFrom,
        Instant createdBefore, RunCursor after, int limit) {

    public static final int MAX_LIMIT = 1_000;

    public RunQuery {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        if (backfillId != null) {
            RunIds.parse(backfillId);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("Run page size must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (createdFrom != null && createdBefore != null && !createdFrom.isBefore(createdBefore)) {
            throw new IllegalArgumentException("createdFrom (" + createdFrom + ") must be before createdBefore ("
                    + createdBefore + ")");
        }
    }

    /** All runs, {@code limit} at a time. */
    public static RunQuery all(int limit) {
        return new RunQuery(Set.of(), null, null, null, null, null, limit);
    }

    public RunQuery withStatuses(Set<RunStatus> statuses) {
        return new RunQuery(statuses, backfillId, asset, createdFrom, createdBefore, after, limit);
    }

    public RunQuery withBackfill(String backfillId) {
        return new RunQuery(statuses, backfillId, asset, createdFrom, createdBefore, after, limit);
    }

    public RunQuery withAsset(AssetKey asset) {
        return new RunQuery(statuses, backfillId, asset, createdFrom, createdBefore, after, limit);
    }

    public RunQuery createdBetween(Instant from, Instant before) {
        return new RunQuery(statuses, backfillId, asset, from, before, after, limit);
    }

    public RunQuery after(RunCursor cursor) {
        return new RunQuery(statuses, backfillId, asset, createdFrom, createdBefore, cursor, limit);
    }
}
