package dev.peloton.runtime.backfill;

import dev.peloton.core.engine.plan.PartitionSelection;
import java.util.List;
import java.util.Map;

/**
 * A request to materialize a selection of assets over a set or range of partitions, as many runs.
 *
 * @param selection  the assets, in selection syntax ({@code +warehouse/stage_results}, {@code group:marts})
 * @param partitions which partitions: a range of keys, explicit keys, or all; read against the partitions
 *                   definition of the first selected partitioned asset (in topological order) that has them
 * @param policy     how partitions are grouped into runs
 * @param options    only stale and missing, priority, tags
 */
public record BackfillRequest(String selection, PartitionSelection partitions, BackfillPolicy policy,
        BackfillOptions options) {

    public BackfillRequest {
        if (selection == null || selection.isBlank()) {
            throw new InvalidBackfillException("A backfill needs an asset selection");
        }
        partitions = partitions == null ? PartitionSelection.all() : partitions;
        policy = policy == null ? BackfillPolicy.onePerPartition() : policy;
        options = options == null ? BackfillOptions.defaults() : options;
    }

    /** {@code selection} over the keys {@code first..last}, one run per partition. */
    public static BackfillRequest range(String selection, String first, String last) {
        return new BackfillRequest(selection, PartitionSelection.range(first, last), null, null);
    }

    public static BackfillRequest keys(String selection, List<String> keys) {
        return new BackfillRequest(selection, PartitionSelection.keys(keys), null, null);
    }

    public static BackfillRequest all(String selection) {
        return new BackfillRequest(selection, PartitionSelection.all(), null, null);
    }

    public BackfillRequest withPolicy(BackfillPolicy p) {
        return new BackfillRequest(selection, partitions, p, options);
    }

    public BackfillRequest withOptions(BackfillOptions o) {
        return new BackfillRequest(selection, partitions, policy, o);
    }

    public BackfillRequest onlyStaleAndMissing() {
        return withOptions(new BackfillOptions(true, options.priority(), options.tags()));
    }

    public BackfillRequest withPriority(int priority) {
        return withOptions(new BackfillOptions(options.onlyStaleAndMissing(), priority, options.tags()));
    }

    public BackfillRequest withTags(Map<String, String> tags) {
        return withOptions(new BackfillOptions(options.onlyStaleAndMissing(), options.priority(), tags));
    }
}
