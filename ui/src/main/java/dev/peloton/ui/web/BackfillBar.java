package dev.peloton.ui.web;

import dev.peloton.runtime.api.BackfillViews.StatusRangeView;
import dev.peloton.runtime.backfill.PartitionStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A backfill's progress as a bar: a segment per run of partitions with one status, as wide as its share of the
 * partitions. Past {@link #MAX_SEGMENTS} ranges, neighbouring ranges are merged and coloured by the status that
 * needs attention most, so the page stays small for any number of partitions.
 */
public record BackfillBar(List<Segment> segments, long partitionCount) {

    static final int MAX_SEGMENTS = 400;

    /** @param width percent of the bar */
    public record Segment(PartitionStatus status, String from, String to, long count, double width, String title) {
    }

    /** Failed first, then running, queued, requested, canceled, skipped, succeeded. */
    private static final PartitionStatus[] ATTENTION = {PartitionStatus.FAILED, PartitionStatus.RUNNING,
        PartitionStatus.QUEUED, PartitionStatus.REQUESTED, PartitionStatus.CANCELED, PartitionStatus.SKIPPED,
        PartitionStatus.SUCCEEDED};

    static BackfillBar of(List<StatusRangeView> ranges) {
        long total = 0;
        for (StatusRangeView r : ranges) {
            total += r.count();
        }
        int perSegment = Math.max(1, (ranges.size() + MAX_SEGMENTS - 1) / MAX_SEGMENTS);
        List<Segment> out = new ArrayList<>(Math.min(ranges.size(), MAX_SEGMENTS));
        for (int i = 0; i < ranges.size(); i += perSegment) {
            List<StatusRangeView> group = ranges.subList(i, Math.min(ranges.size(), i + perSegment));
            Map<PartitionStatus, Long> counts = new EnumMap<>(PartitionStatus.class);
            long n = 0;
            for (StatusRangeView r : group) {
                counts.merge(r.status(), r.count(), Long::sum);
                n += r.count();
            }
            PartitionStatus worst = PartitionStatus.SUCCEEDED;
            for (PartitionStatus s : ATTENTION) {
                if (counts.containsKey(s)) {
                    worst = s;
                    break;
                }
            }
            String from = group.getFirst().from();
            String to = group.getLast().to();
            StringBuilder title = new StringBuilder(from.equals(to) ? from : from + " to " + to).append(": ");
            counts.forEach((s, c) -> title.append(c).append(' ').append(s.name().toLowerCase()).append(", "));
            title.setLength(title.length() - 2);
            out.add(new Segment(worst, from, to, n, total == 0 ? 0 : n * 100.0 / total, title.toString()));
        }
        return new BackfillBar(out, total);
    }
}
