package dev.peloton.runtime.automation;

import dev.peloton.core.engine.plan.PartitionSelection;
import java.util.Objects;

/** What a schedule does at one tick: run some partitions of its selection, or skip the tick with a reason. */
public sealed interface TickDecision {

    /** Run these partitions of the schedule's selection. */
    static TickDecision run(PartitionSelection partitions) {
        return new Run(partitions);
    }

    /** Run the partition with this key. */
    static TickDecision runKey(String partitionKey) {
        return new Run(PartitionSelection.keys(partitionKey));
    }

    /** Run every partition (what an unpartitioned selection does). */
    static TickDecision runAll() {
        return new Run(PartitionSelection.all());
    }

    /** Start nothing; the tick is recorded as SKIPPED with this reason. */
    static TickDecision skip(String reason) {
        return new Skip(reason);
    }

    record Run(PartitionSelection partitions) implements TickDecision {
        public Run {
            Objects.requireNonNull(partitions, "partitions");
        }
    }

    record Skip(String reason) implements TickDecision {
        public Skip {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("A skipped tick needs a reason");
            }
        }
    }
}
