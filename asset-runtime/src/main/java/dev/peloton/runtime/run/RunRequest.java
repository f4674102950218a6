package dev.peloton.runtime.run;

import java.util.Map;

/**
 * A request to materialize assets, from any source: the UI, the REST API, the command line, a schedule tick, a
 * sensor or a backfill.
 *
 * @param selection           the assets, in selection syntax ({@code +warehouse/stage_results}, {@code group:marts})
 * @param partitions          which partitions, interpreted against each selected asset's definition
 * @param onlyStaleAndMissing plan only partitions that are stale or missing
 * @param memoize             skip steps whose code version and input data versions are unchanged
 * @param granularity         how many partitions one step computes
 * @param priority            higher runs are claimed first; 0 is normal
 * @param tags                free-form tags kept with the run
 * @param backfillId          the backfill this run belongs to, or {@code null}
 * @param runKey              an idempotency key: a request whose run key was already used starts no run
 *                            ({@code null} for none); schedules use {@code schedule:<name>:<tick time>}
 */
public record RunRequest(String selection, dev.peloton.core.engine.plan.PartitionSelection partitions,
        boolean onlyStaleAndMissing, boolean memoize, dev.peloton.core.engine.plan.StepGranularity granularity,
        int priority, Map<String, String> tags, String backfillId, String runKey) {

    public RunRequest {
        if (selection == null || selection.isBlank()) {
            throw new IllegalArgumentException("A run request needs an asset selection");
        }
        partitions = partitions == null ? dev.peloton.core.engine.plan.PartitionSelection.all() : partitions;
        granularity = granularity == null ? dev.peloton.core.engine.plan.StepGranularity.perPartition() : granularity;
        tags = Map.copyOf(tags == null ? Map.of() : tags);
    }

    /** Materialize {@code selection} for all its partitions, with defaults for everything else. */
    public static RunRequest of(String selection) {
        return new RunRequest(selection, null, false, false, null, 0, null, null, null);
    }

    public RunRequest withPartitions(dev.peloton.core.engine.plan.PartitionSelection p) {
        return new RunRequest(selection, p, onlyStaleAndMissing, memoize, granularity, priority, tags, backfillId,
                runKey);
    }
}
