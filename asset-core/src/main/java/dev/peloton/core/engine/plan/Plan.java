package dev.peloton.core.engine.plan;

import java.util.List;

/**
 * What a request will do: the steps to run, in an order where every step comes after the steps it depends on,
 * and the work left out because memoization found it unchanged.
 *
 * @param steps    the steps, topologically ordered
 * @param skipped  what was not planned and why (memoized, already fresh)
 */
public record Plan(List<PlannedStep> steps, List<SkippedWork> skipped) {

    public Plan {
        steps = List.copyOf(steps);
        skipped = List.copyOf(skipped);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
