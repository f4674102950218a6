package dev.peloton.core.engine.graph;

import java.util.List;

/** Every problem found while validating an asset graph, each in words that name the assets involved. */
public class InvalidAssetGraphException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidAssetGraphException(List<String> problems) {
        super("The asset graph is invalid (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
