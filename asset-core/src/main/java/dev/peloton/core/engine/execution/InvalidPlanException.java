package dev.peloton.core.engine.execution;

import java.util.List;

/** A plan the executor cannot run, with every problem found, each naming the step involved. */
public class InvalidPlanException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidPlanException(List<String> problems) {
        super("The plan cannot run (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
