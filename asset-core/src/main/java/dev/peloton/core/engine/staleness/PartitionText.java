package dev.peloton.core.engine.staleness;

import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;

/** Partition sets in words, range by range, so that a set of 100,000 partitions stays one short line. */
public final class PartitionText {

    private static final int MAX_RANGES = 4;

    private PartitionText() {
    }

    /**
     * {@code 2023-07-01..2023-07-04, 2023-07-09} and, past a few ranges, a count of the rest; empty for an
     * unpartitioned definition.
     */
    public static String of(PartitionsDefinition definition, PartitionSet set) {
        if (!definition.isPartitioned()) {
            return "";
        }
        if (set.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(set.rangeCount(), MAX_RANGES);
        for (int r = 0; r < shown; r++) {
            if (r > 0) {
                sb.append(", ");
            }
            appendRange(sb, definition, set.rangeStart(r), set.rangeEnd(r));
        }
        if (shown < set.rangeCount()) {
            sb.append(" and ").append(set.rangeCount() - shown).append(" more ranges (").append(set.count())
                    .append(" partitions in all)");
        }
        return sb.toString();
    }

    /** {@code first..last}, or the key alone for one partition; {@code end} is exclusive. */
    public static String range(PartitionsDefinition definition, long start, long end) {
        StringBuilder sb = new StringBuilder();
        appendRange(sb, definition, start, end);
        return sb.toString();
    }

    private static void appendRange(StringBuilder sb, PartitionsDefinition definition, long start, long end) {
        sb.append(keyAt(definition, start));
        if (end - start > 1) {
            sb.append("..").append(keyAt(definition, end - 1));
        }
    }

    private static String keyAt(PartitionsDefinition definition, long index) {
        // A dynamic definition may have shrunk since the set was computed: show the index rather than fail.
        return index < definition.size() ? definition.keyAt(index) : "#" + index;
    }
}
