package dev.peloton.core.engine.selection;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.KeySuggestions;
import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Resolves a parsed selection against a graph as bit sets of asset indices; traversals are breadth-first over
 * the graph's edge arrays, so each costs at most the size of the graph.
 */
final class SelectionEvaluator {

    private final AssetGraph graph;
    private final String text;
    private final int n;

    SelectionEvaluator(AssetGraph graph, String text) {
        this.graph = graph;
        this.text = text;
        this.n = graph.size();
    }

    BitSet evaluate(SelectionExpr e) {
        return switch (e) {
            case SelectionExpr.All a -> all();
            case SelectionExpr.Key k -> k.pattern() ? pattern(k) : key(k);
            case SelectionExpr.Attribute a -> attribute(a);
            case SelectionExpr.Tag t -> tag(t);
            case SelectionExpr.Or or -> {
                BitSet out = new BitSet(n);
                or.operands().forEach(o -> out.or(evaluate(o)));
                yield out;
            }
            case SelectionExpr.And and -> {
                BitSet out = evaluate(and.operands().get(0));
                and.operands().subList(1, and.operands().size()).forEach(o -> out.and(evaluate(o)));
                yield out;
            }
            case SelectionExpr.Not not -> {
                BitSet out = all();
                out.andNot(evaluate(not.operand()));
                yield out;
            }
            case SelectionExpr.Traverse t -> {
                BitSet start = evaluate(t.operand());
                BitSet out = (BitSet) start.clone();
                if (t.up() > 0) {
                    out.or(walk(start, t.up(), true));
                }
                if (t.down() > 0) {
                    out.or(walk(start, t.down(), false));
                }
                yield out;
            }
            case SelectionExpr.Function f -> function(f);
        };
    }

    private BitSet all() {
        BitSet out = new BitSet(n);
        out.set(0, n);
        return out;
    }

    private BitSet key(SelectionExpr.Key k) {
        int i = graph.indexOf(AssetKey.parse(k.text()));
        if (i < 0) {
            Set<String> keys = new java.util.HashSet<>(n * 2);
            for (int j = 0; j < n; j++) {
                keys.add(graph.definition(j).key().toString());
            }
            throw new InvalidSelectionException(text, k.position(), k.text(), "Unknown asset '" + k.text() + "'"
                    + KeySuggestions.hint(k.text(), keys));
        }
        BitSet out = new BitSet(n);
        out.set(i);
        return out;
    }

    private BitSet pattern(SelectionExpr.Key k) {
        // '*' matches any characters, '/' included: raw/* is everything under raw.
        Pattern p = Pattern.compile(String.join(".*",
                java.util.Arrays.stream(k.text().split("\\*", -1)).map(Pattern::quote).toList()));
        BitSet out = matching(i -> p.matcher(graph.definition(i).key().toString()).matches());
        if (out.isEmpty()) {
            throw new InvalidSelectionException(text, k.position(), k.text(), "No asset key matches '" + k.text()
                    + "'");
        }
        return out;
    }

    private BitSet attribute(SelectionExpr.Attribute a) {
        boolean group = a.attribute().equals("group");
        BitSet out = matching(i -> group ? graph.definition(i).group().equals(a.value())
                : graph.definition(i).owners().contains(a.value()));
        if (out.isEmpty()) {
            Set<String> known = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                if (group) {
                    known.add(graph.definition(i).group());
                } else {
                    known.addAll(graph.definition(i).owners());
                }
            }
            throw new InvalidSelectionException(text, a.position(), a.token(), (group ? "No asset is in group '"
                    : "No asset is owned by '") + a.value() + "'" + KeySuggestions.hint(a.value(), known) + "; "
                    + (group ? "groups" : "owners") + ": " + abbreviate(known));
        }
        return out;
    }

    private BitSet tag(SelectionExpr.Tag t) {
        BitSet out = matching(i -> {
            Map<String, String> tags = graph.definition(i).tags();
            return t.value() == null ? tags.containsKey(t.key()) : t.value().equals(tags.get(t.key()));
        });
        if (out.isEmpty()) {
            Set<String> known = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                graph.definition(i).tags().forEach((k, v) -> known.add(t.value() == null || v.isEmpty() ? k
                        : k + "=" + v));
            }
            String wanted = t.value() == null ? t.key() : t.key() + "=" + t.value();
            throw new InvalidSelectionException(text, t.position(), t.token(), "No asset has tag '" + wanted + "'"
                    + KeySuggestions.hint(wanted, known) + "; tags: " + abbreviate(known));
        }
        return out;
    }

    private BitSet function(SelectionExpr.Function f) {
        BitSet in = evaluate(f.operand());
        boolean roots = f.name().equals("roots");
        BitSet out = new BitSet(n);
        for (int i = in.nextSetBit(0); i >= 0; i = in.nextSetBit(i + 1)) {
            AssetGraph.Edge[] edges = roots ? graph.upstreamEdges(i) : graph.downstreamEdges(i);
            boolean inside = false;
            for (AssetGraph.Edge e : edges) {
                if (in.get(roots ? e.upstream() : e.downstream())) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                out.set(i);
            }
        }
        return out;
    }

    /** Assets up to {@code depth} edges away from {@code start} (not counting {@code start} itself). */
    private BitSet walk(BitSet start, int depth, boolean upstream) {
        BitSet seen = (BitSet) start.clone();
        int[] frontier = new int[n];
        int[] nextFrontier = new int[n];
        int size = 0;
        for (int i = start.nextSetBit(0); i >= 0; i = start.nextSetBit(i + 1)) {
            frontier[size++] = i;
        }
        for (int level = 0; level < depth && size > 0; level++) {
            int nextSize = 0;
            for (int k = 0; k < size; k++) {
                AssetGraph.Edge[] edges = upstream ? graph.upstreamEdges(frontier[k]) : graph.downstreamEdges(frontier[k]);
                for (AssetGraph.Edge e : edges) {
                    int j = upstream ? e.upstream() : e.downstream();
                    if (!seen.get(j)) {
                        seen.set(j);
                        nextFrontier[nextSize++] = j;
                    }
                }
            }
            int[] t = frontier;
            frontier = nextFrontier;
            nextFrontier = t;
            size = nextSize;
        }
        seen.andNot(start);
        return seen;
    }

    private BitSet matching(IntPredicate predicate) {
        BitSet out = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (predicate.test(i)) {
                out.set(i);
            }
        }
        return out;
    }

    private static String abbreviate(Set<String> values) {
        if (values.size() <= 20) {
            return values.toString();
        }
        return values.stream().limit(20).toList().toString().replace("]", ", ... " + (values.size() - 20) + " more]");
    }
}
