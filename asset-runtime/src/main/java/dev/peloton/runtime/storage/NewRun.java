package dev.peloton.runtime.storage;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run to enqueue.
 *
 * @param selection  the assets it materializes (at least one)
 * @param partitions the partition indices it covers ({@code {0}} for unpartitioned assets)
 * @param planJson   the plan as JSON, or {@code null} while it is not planned yet
 * @param tags       free-form tags
 * @param priority   higher runs are claimed first; equal priorities go in creation order
 * @param backfillId the backfill it belongs to, or {@code null}
 */
public record NewRun(List<AssetKey> selection, PartitionSet partitions, String planJson, Map<String, String> tags,
        int priority, String backfillId) {

    public NewRun {
        Objects.requireNonNull(selection, "selection");
        if (selection.isEmpty()) {
            throw new IllegalArgumentException("A run needs at least one asset in its selection");
        }
        selection = List.copyOf(selection);
        Objects.requireNonNull(partitions, "partitions (use PartitionSet.of(0) for unpartitioned assets)");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        if (backfillId != null) {
            RunIds.parse(backfillId);
        }
    }

    /** A run of the given assets over the given partitions, with default priority and no plan yet. */
    public static NewRun of(List<AssetKey> selection, PartitionSet partitions) {
        return new NewRun(selection, partitions, null, Map.of(), 0, null);
    }

    public NewRun withPlan(String planJson) {
        return new NewRun(selection, partitions, planJson, tags, priority, backfillId);
    }

    public NewRun withTags(Map<String, String> tags) {
        return new NewRun(selection, partitions, planJson, tags, priority, backfillId);
    }

    public NewRun withPriority(int priority) {
        return new NewRun(selection, partitions, planJson, tags, priority, backfillId);
    }

    public NewRun withBackfill(String backfillId) {
        return new NewRun(selection, partitions, planJson, tags, priority, backfillId);
    }
}
