package dev.peloton.core.engine.plan;

import java.util.List;

/**
 * What a request will do: the steps to run, in an order where every step comes after the steps it depends on,
 * and the work left out because memoization found it unchanged.
 *
 * @param steps    the steps, topologically ordered
 * @param skipped  what was not planned and why (memoized, already fresh)
 * @param notes    what else the planner decided that a user should know: partitions derived through mappings, a
 *                 multi-asset planned whole, a granularity an asset cannot honour
 */
public record Plan(List<PlannedStep> steps, List<SkippedWork> skipped, List<String> notes) {

    public Plan {
        steps = List.copyOf(steps);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    public Plan(List<PlannedStep> steps, List<SkippedWork> skipped) {
        this(steps, skipped, List.of());
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
