package dev.peloton.runtime.backfill;

import java.util.Map;

/**
 * Options of a backfill.
 *
 * @param onlyStaleAndMissing each run plans only the partitions that are stale or missing when it is submitted;
 *                            a chunk with nothing to do starts no run (its partitions show as SKIPPED)
 * @param priority            the priority of every run (higher runs are claimed first)
 * @param tags                tags of the backfill, copied to every run
 */
public record BackfillOptions(boolean onlyStaleAndMissing, int priority, Map<String, String> tags) {

    public BackfillOptions {
        tags = Map.copyOf(tags == null ? Map.of() : tags);
        for (String key : tags.keySet()) {
            if (key.startsWith("peloton/")) {
                throw new InvalidBackfillException("Tag '" + key + "' is reserved: tags starting with 'peloton/' are"
                        + " set by Peloton itself");
            }
        }
    }

    public static BackfillOptions defaults() {
        return new BackfillOptions(false, 0, Map.of());
    }
}
