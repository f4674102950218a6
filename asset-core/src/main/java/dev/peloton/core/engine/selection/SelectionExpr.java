package dev.peloton.core.engine.selection;

import java.util.List;

/** The parsed form of an asset selection. Positions are 1-based columns, kept for error messages. */
sealed interface SelectionExpr {

    /** Traversal depth meaning "as far as the graph goes". */
    int UNLIMITED = Integer.MAX_VALUE;

    /** {@code *}: every asset. */
    record All() implements SelectionExpr {
    }

    /** A full key, or a pattern where {@code *} matches any characters ({@code raw/*}). */
    record Key(String text, boolean pattern, int position) implements SelectionExpr {
    }

    /** {@code group:name} or {@code owner:name}. */
    record Attribute(String attribute, String value, int position, String token) implements SelectionExpr {
    }

    /** {@code tag:key} (any value) or {@code tag:key=value}; {@code value} null for any. */
    record Tag(String key, String value, int position, String token) implements SelectionExpr {
    }

    record Or(List<SelectionExpr> operands) implements SelectionExpr {
    }

    record And(List<SelectionExpr> operands) implements SelectionExpr {
    }

    record Not(SelectionExpr operand) implements SelectionExpr {
    }

    /** The operand plus its upstream and downstream assets, {@code up} and {@code down} layers deep (0: none). */
    record Traverse(SelectionExpr operand, int up, int down) implements SelectionExpr {
    }

    /** {@code roots(...)}: assets of the operand with no upstream in it; {@code sinks(...)}: no downstream in it. */
    record Function(String name, SelectionExpr operand) implements SelectionExpr {
    }
}
