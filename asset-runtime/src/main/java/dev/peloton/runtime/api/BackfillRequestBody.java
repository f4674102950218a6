package dev.peloton.runtime.api;

import java.util.Map;

/**
 * The body of {@code POST /api/backfills} and {@code POST /api/backfills/preview}, as documented; it is read field
 * by field by {@link BackfillRequestReader} so that every mistake names its field.
 *
 * @param selection           the assets, in selection syntax (required)
 * @param partitions          {@code "all"} (default), {@code {"keys": ["2023-07-01", ...]}} or
 *                            {@code {"range": {"from": "2023-07-01", "to": "2023-07-30"}}}
 * @param policy              {@code "perPartition"} (default: one run per partition), {@code {"chunks": 7}} (runs of
 *                            at most 7 partitions) or {@code "singleRun"}
 * @param onlyStaleAndMissing each run plans only partitions that are stale or missing when it is submitted
 * @param priority            the priority of every run (default 0)
 * @param tags                tags copied to every run; {@code peloton/} is reserved
 */
public record BackfillRequestBody(String selection, Object partitions, Object policy, Boolean onlyStaleAndMissing,
        Integer priority, Map<String, String> tags) {
}
