package dev.peloton.ui.web;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.plan.PartitionSelection;
import java.util.ArrayList;
import java.util.List;

/**
 * The partitions a page form names: empty for all, else comma-separated keys and ranges {@code from...to} (both
 * included), as the partition health bar writes them. Every key is checked against the asset's definition, so a
 * bad key is reported (naming the key and the valid keys) before anything is planned.
 */
public final class PartitionInput {

    /** Between the two ends of a range; three dots, since partition keys may contain one or two. */
    public static final String RANGE = "...";

    private PartitionInput() {
    }

    public static PartitionSelection parse(AssetKey asset, PartitionsDefinition def, String text) {
        if (text == null || text.isBlank()) {
            return PartitionSelection.all();
        }
        if (!def.isPartitioned()) {
            throw UiException.badRequest("Asset has no partitions", "Asset '" + asset
                    + "' is not partitioned, so no partitions can be selected (got '" + text + "')");
        }
        String[] items = text.split(",");
        List<long[]> ranges = new ArrayList<>(items.length);
        for (String raw : items) {
            String item = raw.trim();
            if (item.isEmpty()) {
                throw UiException.badRequest("Invalid partition selection", "The partition selection '" + text
                        + "' of asset '" + asset + "' has an empty item");
            }
            int dots = item.indexOf(RANGE);
            if (dots >= 0) {
                String from = item.substring(0, dots).trim();
                String to = item.substring(dots + RANGE.length()).trim();
                long a = def.requireIndex(asset, from);
                long b = def.requireIndex(asset, to);
                if (a > b) {
                    throw UiException.badRequest("Invalid partition range", "The partition range '" + item
                            + "' of asset '" + asset + "' ends before it starts");
                }
                ranges.add(new long[] {a, b});
            } else {
                long i = def.requireIndex(asset, item);
                ranges.add(new long[] {i, i});
            }
        }
        if (ranges.size() == 1) {
            long[] r = ranges.getFirst();
            return r[0] == r[1] ? PartitionSelection.keys(def.keyAt(r[0]))
                    : PartitionSelection.range(def.keyAt(r[0]), def.keyAt(r[1]));
        }
        // Several pieces: the request model takes one range or a key list, so list the keys (bounded by the asset).
        ranges.sort((x, y) -> Long.compare(x[0], y[0]));
        List<String> keys = new ArrayList<>();
        long next = Long.MIN_VALUE;
        for (long[] r : ranges) {
            for (long i = Math.max(r[0], next); i <= r[1]; i++) {
                keys.add(def.keyAt(i));
            }
            next = Math.max(next, r[1] + 1);
        }
        return PartitionSelection.keys(keys);
    }
}
