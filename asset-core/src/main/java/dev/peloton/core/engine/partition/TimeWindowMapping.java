package dev.peloton.core.engine.partition;

import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.TimeWindowPartitions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * Between two time-window definitions, of any lengths: a partition reads the partitions whose windows overlap its
 * own (a weekly partition reads its seven days; a daily partition reads the week that contains it). Windows are
 * compared on the local calendar when both definitions share a time zone, and as instants otherwise. Costs the
 * number of ranges of the set plus the exclusions inside them.
 *
 * <p>Across time zones with daylight saving, an hour that the clock skips has an empty window; it is read along
 * with the windows around it.
 */
public enum TimeWindowMapping implements PartitionMapping {
    INSTANCE;

    @Override
    public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
            PartitionsDefinition upstreamDef) {
        return overlapping(downstream, windows(downstreamDef), windows(upstreamDef));
    }

    @Override
    public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
            PartitionsDefinition downstreamDef) {
        return overlapping(upstream, windows(upstreamDef), windows(downstreamDef));
    }

    /** The partitions of {@code to} whose windows overlap those of {@code set} in {@code from}. */
    static PartitionSet overlapping(PartitionSet set, TimeWindowPartitions from, TimeWindowPartitions to) {
        if (set.isEmpty() || from.equals(to)) {
            return set;
        }
        boolean sameZone = from.zone().normalized().equals(to.zone().normalized());
        if (sameZone && from.sameCalendarAs(to)) {
            return to.indicesOfWindowNumbers(from.windowNumbers(set));
        }
        PartitionSet numbers = from.windowNumbers(set);
        Ranges out = new Ranges();
        for (int r = 0; r < numbers.rangeCount(); r++) {
            // A run of consecutive windows covers one span of time: from the start of the first to the start of
            // the window after the last. The windows of "to" that overlap it run from the one containing its start
            // to the one containing its last instant.
            LocalDateTime start = from.windowStart(numbers.rangeStart(r));
            LocalDateTime end = from.windowStart(numbers.rangeEnd(r));
            long first;
            long last;
            if (sameZone) {
                first = to.windowNumber(start);
                last = to.windowNumber(end.minusNanos(1));
            } else {
                Instant s = start.atZone(from.zone()).toInstant();
                Instant e = end.atZone(from.zone()).toInstant();
                first = to.windowNumber(LocalDateTime.ofInstant(s, to.zone()));
                last = to.windowNumber(LocalDateTime.ofInstant(e.minusNanos(1), to.zone()));
            }
            out.add(Math.max(0, first), last + 1);
        }
        return to.indicesOfWindowNumbers(out.build());
    }

    @Override
    public Optional<String> incompatibility(PartitionsDefinition upstreamDef, PartitionsDefinition downstreamDef) {
        if (!(upstreamDef instanceof TimeWindowPartitions up) || !(downstreamDef instanceof TimeWindowPartitions down)) {
            return Optional.of("The time-window mapping connects time-window partitions, but the "
                    + (upstreamDef instanceof TimeWindowPartitions ? "downstream has " + downstreamDef.describe()
                            : "upstream has " + upstreamDef.describe()));
        }
        Instant upStart = up.numberWindow(up.firstWindowNumber()).start();
        Instant downStart = down.numberWindow(down.firstWindowNumber()).start();
        Instant upEnd = up.isOpenEnded() ? Instant.MAX : up.numberWindow(up.currentLastNumber()).end();
        Instant downEnd = down.isOpenEnded() ? Instant.MAX : down.numberWindow(down.currentLastNumber()).end();
        if (!upStart.isBefore(downEnd) || !downStart.isBefore(upEnd)) {
            return Optional.of("The windows of the upstream (" + up.describe() + ") and of the downstream ("
                    + down.describe() + ") never overlap");
        }
        return Optional.empty();
    }

    private static TimeWindowPartitions windows(PartitionsDefinition d) {
        if (d instanceof TimeWindowPartitions t) {
            return t;
        }
        throw new IllegalArgumentException("The time-window mapping connects time-window partitions, not "
                + d.describe());
    }

    @Override
    public String describe() {
        return "time window";
    }
}
