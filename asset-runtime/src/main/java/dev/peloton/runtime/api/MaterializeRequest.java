package dev.peloton.runtime.api;

import java.util.Map;

/**
 * The body of {@code POST /api/materialize} and {@code POST /api/plan}, as documented; it is read field by field
 * by {@link MaterializeRequestReader} so that every mistake names its field.
 *
 * @param selection           the assets, in selection syntax (required)
 * @param partitions          {@code "all"} (default), {@code {"keys": ["2023-07-01", ...]}} or
 *                            {@code {"range": {"from": "2023-07-01", "to": "2023-07-09"}}}
 * @param onlyStaleAndMissing plan only partitions that are stale or missing (default false)
 * @param memoize             skip steps whose code and input data versions are unchanged (default false)
 * @param granularity         {@code "perPartition"} (default), {@code "wholeRange"} or {@code {"chunks": 30}}
 * @param priority            higher runs are claimed first (default 0)
 * @param tags                free-form tags kept with the run
 * @param runKey              an idempotency key: a second request with the same key starts no run
 */
public record MaterializeRequest(String selection, Object partitions, Boolean onlyStaleAndMissing, Boolean memoize,
        Object granularity, Integer priority, Map<String, String> tags, String runKey) {
}
