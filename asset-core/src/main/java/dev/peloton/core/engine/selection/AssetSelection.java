package dev.peloton.core.engine.selection;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.graph.AssetGraph;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A parsed asset selection, in Dagster's syntax:
 *
 * <ul>
 *   <li>{@code warehouse/stage_results} or {@code key:warehouse/stage_results} or {@code "a/b"}: one asset by
 *       its full key; {@code raw/*}: every key matching the pattern ({@code *} matches any characters);
 *       {@code *}: every asset</li>
 *   <li>{@code group:staging}, {@code owner:team-data}, {@code tag:pii}, {@code tag:tier=gold}</li>
 *   <li>{@code +key}: the asset and everything upstream; {@code key+}: and everything downstream;
 *       {@code 2+key} or {@code ++key}: two layers upstream; {@code key+3} or {@code key+++}: three layers
 *       downstream</li>
 *   <li>{@code a or b}, {@code a, b}: union; {@code a and b}: intersection; {@code not a}; parentheses;
 *       {@code roots(...)} and {@code sinks(...)}</li>
 * </ul>
 *
 * <p>Parsing checks the syntax; {@link #resolve(AssetGraph)} checks the names: a key, group, owner or tag that
 * matches no asset is an error naming it, with close matches suggested.
 */
public final class AssetSelection {

    private final String text;
    private final SelectionExpr expression;

    private AssetSelection(String text, SelectionExpr expression) {
        this.text = text;
        this.expression = expression;
    }

    /**
     * Parses a selection.
     *
     * @throws InvalidSelectionException naming the bad token and its position
     */
    public static AssetSelection parse(String text) {
        return new AssetSelection(text, SelectionParser.parse(text));
    }

    /** Every asset. */
    public static AssetSelection all() {
        return parse("*");
    }

    /** Exactly these assets. */
    public static AssetSelection keys(Collection<AssetKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("A selection of keys needs at least one key");
        }
        return parse(keys.stream().map(k -> "key:\"" + k + "\"").collect(Collectors.joining(" or ")));
    }

    /** The text the selection was parsed from. */
    public String text() {
        return text;
    }

    /**
     * The indices ({@link AssetGraph#definition(int)}) of the selected assets.
     *
     * @throws InvalidSelectionException when a term names no asset of {@code graph}
     */
    public BitSet resolveIndices(AssetGraph graph) {
        return new SelectionEvaluator(graph, text).evaluate(expression);
    }

    /**
     * The keys of the selected assets, in the graph's topological order.
     *
     * @throws InvalidSelectionException when a term names no asset of {@code graph}
     */
    public Set<AssetKey> resolve(AssetGraph graph) {
        BitSet selected = resolveIndices(graph);
        Set<AssetKey> out = new LinkedHashSet<>(selected.cardinality() * 2);
        for (int i = selected.nextSetBit(0); i >= 0; i = selected.nextSetBit(i + 1)) {
            out.add(graph.definition(i).key());
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssetSelection s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
