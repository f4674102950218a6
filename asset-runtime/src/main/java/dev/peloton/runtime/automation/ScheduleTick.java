package dev.peloton.runtime.automation;

import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.TimeWindowPartitions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * One tick of a schedule, as its partition function sees it.
 *
 * @param schedule   the schedule's name
 * @param time       the scheduled time of the tick (not when it actually ran)
 * @param zone       the schedule's time zone
 * @param partitions the partitions definition of the schedule's selection when the runtime knows the asset graph
 *                   and the selected partitioned assets share one; empty otherwise
 */
public record ScheduleTick(String schedule, Instant time, ZoneId zone, Optional<PartitionsDefinition> partitions) {

    public ScheduleTick {
        partitions = partitions == null ? Optional.empty() : partitions;
    }

    /** The tick in the schedule's zone. */
    public ZonedDateTime localTime() {
        return time.atZone(zone);
    }

    /** The default decision, {@link TickPartitionFunction#lastWindowEnded()}. */
    public TickDecision defaultDecision() {
        return TickPartitionFunction.lastWindowEnded().decide(this);
    }

    TimeWindowPartitions timeWindows() {
        return partitions.filter(TimeWindowPartitions.class::isInstance).map(TimeWindowPartitions.class::cast)
                .orElse(null);
    }
}
