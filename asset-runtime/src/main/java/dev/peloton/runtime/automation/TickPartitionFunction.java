package dev.peloton.runtime.automation;

import dev.peloton.core.TimeWindowPartitions;
import java.time.Instant;

/** Which partitions a schedule runs at a tick. */
@FunctionalInterface
public interface TickPartitionFunction {

    TickDecision decide(ScheduleTick tick);

    /**
     * The default. For a time-window partitioned selection: the partition whose window holds the instant just
     * before the tick, that is the window that ended at the tick or is ending when it fires. A daily schedule at
     * midnight runs the day that just ended; one at 22:00 Europe/Paris runs that day. When that window is not a
     * partition (an excluded day, before the first or after the last), the tick is skipped with the reason.
     * Anything else runs every partition.
     */
    static TickPartitionFunction lastWindowEnded() {
        return tick -> {
            TimeWindowPartitions windows = tick.timeWindows();
            if (windows == null) {
                return TickDecision.runAll();
            }
            // A window [start, end) that ends exactly at the tick is the one just finished, hence the nanosecond.
            Instant justBefore = tick.time().minusNanos(1);
            return windows.keyContaining(justBefore)
                    .map(TickDecision::runKey)
                    .orElseGet(() -> TickDecision.skip("no partition of " + windows.describe() + " holds "
                            + justBefore.plusNanos(1).atZone(windows.zone()).toLocalDateTime()
                            + " (" + windows.zone() + "): the window is excluded or outside the range"));
        };
    }

    /** Every partition, at every tick. */
    static TickPartitionFunction allPartitions() {
        return tick -> TickDecision.runAll();
    }
}
