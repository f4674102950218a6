package dev.peloton.ui.web;

import dev.peloton.core.PartitionsDefinition;
import dev.peloton.runtime.api.AssetViews.StatusRange;
import dev.peloton.runtime.api.PartitionStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The partition health bar: one cell per partition up to {@link #MAX_CELLS} partitions; beyond that each cell
 * stands for an equal run of consecutive partitions, coloured by the worst status in it, so that a bar of 100,000
 * daily partitions is still a few hundred elements.
 *
 * @param cells         in partition order
 * @param summarised    whether a cell stands for more than one partition
 * @param partitionCount all partitions
 */
public record HealthBar(List<Cell> cells, boolean summarised, long partitionCount) {

    public static final int MAX_CELLS = 400;

    /**
     * @param from   the first partition key of the cell
     * @param to     the last (equal to {@code from} for one partition)
     * @param status the worst status of its partitions
     * @param title  the keys and status counts in words, shown on hover
     */
    public record Cell(String from, String to, PartitionStatus status, long count, String title) {

        /** How the cell's partitions are written in a form: a key or a range. */
        public String selector() {
            return count == 1 ? from : from + PartitionInput.RANGE + to;
        }
    }

    /** Builds the bar from the status ranges (consecutive, in order, covering every partition). */
    public static HealthBar of(PartitionsDefinition def, List<StatusRange> ranges) {
        long total = 0;
        for (StatusRange r : ranges) {
            total += r.count();
        }
        long perCell = total <= MAX_CELLS ? 1 : (total + MAX_CELLS - 1) / MAX_CELLS;
        List<Cell> cells = new ArrayList<>((int) Math.min(total, MAX_CELLS));
        int ri = 0;
        long rangeStart = 0;
        for (long start = 0; start < total; start += perCell) {
            long end = Math.min(total, start + perCell);
            Map<PartitionStatus, Long> counts = new EnumMap<>(PartitionStatus.class);
            // Walk the ranges that overlap [start, end); ranges are visited once overall.
            while (ri < ranges.size() && rangeStart + ranges.get(ri).count() <= start) {
                rangeStart += ranges.get(ri).count();
                ri++;
            }
            int rj = ri;
            long rs = rangeStart;
            while (rj < ranges.size() && rs < end) {
                StatusRange r = ranges.get(rj);
                long overlap = Math.min(end, rs + r.count()) - Math.max(start, rs);
                counts.merge(r.status(), overlap, Long::sum);
                rs += r.count();
                rj++;
            }
            PartitionStatus worst = worst(counts);
            String from = def.keyAt(start);
            String to = def.keyAt(end - 1);
            String title = (end - start == 1 ? from : from + " to " + to + " (" + (end - start) + " partitions)")
                    + ": " + words(counts);
            cells.add(new Cell(from, to, worst, end - start, title));
        }
        return new HealthBar(cells, perCell > 1, total);
    }

    /** Failed first, then missing, stale, in progress, fresh: what needs attention most. */
    static PartitionStatus worst(Map<PartitionStatus, Long> counts) {
        for (PartitionStatus s : new PartitionStatus[] {PartitionStatus.FAILED, PartitionStatus.MISSING,
            PartitionStatus.STALE, PartitionStatus.IN_PROGRESS}) {
            if (counts.getOrDefault(s, 0L) > 0) {
                return s;
            }
        }
        return PartitionStatus.FRESH;
    }

    static String words(Map<PartitionStatus, Long> counts) {
        StringBuilder b = new StringBuilder();
        counts.forEach((s, n) -> {
            if (n > 0) {
                b.append(b.isEmpty() ? "" : ", ").append(n).append(' ').append(s.name().toLowerCase().replace('_', ' '));
            }
        });
        return b.toString();
    }
}
