package dev.peloton.runtime.engine;

import dev.peloton.core.engine.graph.InvalidAssetGraphException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an invalid asset graph at start-up into a short report listing every problem, not a stack of causes. */
public final class InvalidAssetGraphFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAssetGraphException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidAssetGraphException cause) {
        StringBuilder description = new StringBuilder("The asset graph is invalid (")
                .append(cause.problems().size()).append(cause.problems().size() == 1 ? " problem" : " problems")
                .append("):");
        cause.problems().forEach(p -> description.append(System.lineSeparator()).append("  - ").append(p));
        return new FailureAnalysis(description.toString(),
                "Fix the @Asset, @MultiAsset and @AssetCheck methods named above.", cause);
    }
}
