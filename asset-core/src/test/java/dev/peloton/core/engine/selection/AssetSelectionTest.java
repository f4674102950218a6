package dev.peloton.core.engine.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AssetSelectionTest {

    /**
     * <pre>
     * raw/a -> stg/a -\
     *                  mart/ab -> mart/report
     * raw/b -> stg/b -/
     * other
     * </pre>
     */
    private static final AssetGraph GRAPH = AssetGraph.of(List.of(
            AssetDefinition.builder("mart/report").group("mart").input("mart/ab").build(),
            AssetDefinition.builder("mart/ab").group("mart").owners(List.of("bob")).tags(Map.of("tier", "silver"))
                    .input("stg/a").input("stg/b").build(),
            AssetDefinition.builder("stg/a").group("staging").input("raw/a").build(),
            AssetDefinition.builder("stg/b").group("staging").input("raw/b").build(),
            AssetDefinition.builder("raw/a").group("raw").owners(List.of("alice", "bob"))
                    .tags(Map.of("tier", "gold")).build(),
            AssetDefinition.builder("raw/b").group("raw").tags(Map.of("pii", "")).build(),
            AssetDefinition.builder("other").build()));

    private static Set<String> select(String selection) {
        return AssetSelection.parse(selection).resolve(GRAPH).stream().map(AssetKey::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> set(String... keys) {
        return new TreeSet<>(List.of(keys));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "*                          | raw/a raw/b stg/a stg/b mart/ab mart/report other",
            "raw/a                      | raw/a",
            "key:raw/a                  | raw/a",
            "\"raw/a\"                  | raw/a",
            "key:\"raw/a\"              | raw/a",
            "+mart/ab                   | mart/ab stg/a stg/b raw/a raw/b",
            "1+mart/ab                  | mart/ab stg/a stg/b",
            "+mart/report               | mart/report mart/ab stg/a stg/b raw/a raw/b",
            "2+mart/report              | mart/report mart/ab stg/a stg/b",
            "++mart/report              | mart/report mart/ab stg/a stg/b",
            "+++mart/report             | mart/report mart/ab stg/a stg/b raw/a raw/b",
            "raw/a+                     | raw/a stg/a mart/ab mart/report",
            "raw/a+1                    | raw/a stg/a",
            "raw/a++                    | raw/a stg/a mart/ab",
            "raw/a+2                    | raw/a stg/a mart/ab",
            "1+stg/a+1                  | raw/a stg/a mart/ab",
            "+stg/a+                    | raw/a stg/a mart/ab mart/report",
            "0+stg/a                    | stg/a",
            "group:raw                  | raw/a raw/b",
            "tag:tier                   | raw/a mart/ab",
            "tag:tier=gold              | raw/a",
            "tag:\"tier\"=\"gold\"      | raw/a",
            "tag:pii                    | raw/b",
            "owner:bob                  | raw/a mart/ab",
            "raw/a, raw/b               | raw/a raw/b",
            "raw/a or other             | raw/a other",
            "group:raw and tag:tier     | raw/a",
            "group:raw AND NOT raw/b    | raw/a",
            "not group:raw and not group:mart | stg/a stg/b other",
            "raw/a or raw/b and tag:pii | raw/a raw/b",
            "(raw/a or raw/b) and tag:pii | raw/b",
            "not (group:raw or group:staging) | mart/ab mart/report other",
            "raw/a+ and +mart/report    | raw/a stg/a mart/ab mart/report",
            "(raw/a or raw/b)+1         | raw/a raw/b stg/a stg/b",
            "+(mart/ab)                 | mart/ab stg/a stg/b raw/a raw/b",
            "raw/*                      | raw/a raw/b",
            "*/a                        | raw/a stg/a",
            "mart/*b                    | mart/ab",
            "roots(+mart/report)        | raw/a raw/b",
            "sinks(raw/a+)              | mart/report",
            "roots(*)                   | raw/a raw/b other",
            "sinks(group:raw or group:staging) | stg/a stg/b",
    })
    void resolves(String selection, String expected) {
        assertThat(select(selection.strip())).as(selection).isEqualTo(set(expected.strip().split(" +")));
    }

    @Test
    void keysComeInTopologicalOrderAndIndicesMatch() {
        AssetSelection s = AssetSelection.parse("+mart/report");
        List<AssetKey> keys = List.copyOf(s.resolve(GRAPH));
        for (int i = 1; i < keys.size(); i++) {
            assertThat(GRAPH.indexOf(keys.get(i - 1))).isLessThan(GRAPH.indexOf(keys.get(i)));
        }
        BitSet indices = s.resolveIndices(GRAPH);
        assertThat(indices.cardinality()).isEqualTo(6);
        assertThat(indices.get(GRAPH.indexOf(AssetKey.of("other")))).isFalse();
        assertThat(s.text()).isEqualTo("+mart/report");
        assertThat(s).isEqualTo(AssetSelection.parse("+mart/report"));
    }

    @Test
    void factories() {
        assertThat(AssetSelection.all().resolve(GRAPH)).hasSize(7);
        assertThat(AssetSelection.keys(List.of(AssetKey.parse("raw/a"), AssetKey.of("other"))).resolve(GRAPH))
                .containsExactlyInAnyOrder(AssetKey.parse("raw/a"), AssetKey.of("other"));
        assertThatThrownBy(() -> AssetSelection.keys(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "raw/a and       | 10 |        | Expected an asset key, an attribute such as group:name, or '(', but found end of the selection",
            "(raw/a          | 1  | (      | Missing ')' for this '('",
            "raw/a)          | 6  | )      | Unmatched ')'",
            "raw/a raw/b     | 7  | raw/b  | Expected 'and', 'or', ',' or the end of the selection, but found 'raw/b'",
            "kind:table      | 1  | kind   | Unknown attribute 'kind'; attributes are key:, group:, tag: and owner:",
            "group:          | 6  | :      | Expected a value right after 'group:'",
            "group: raw      | 6  | :      | Expected a value right after 'group:'",
            "+ raw/a         | 1  | +      | '+' must be written right before the asset it expands, with no space",
            "raw/a +         | 7  | +      | '+' must be written right after the asset it expands, with no space",
            "raw//a          | 1  | raw//a | Invalid asset key 'raw//a'",
            "foo(raw/a)      | 1  | foo    | Unknown function 'foo'; functions are roots(...) and sinks(...)",
            "99999999999+raw/a | 1 | 99999999999 | Traversal depth 99999999999 is too large",
            "group:raw=x     | 10 | =      | '=' only follows a tag key, as in tag:key=value",
            "tag:tier=       | 9  | =      | Expected a value right after 'tag:tier='",
            "raw/a or or     | 10 | or     | Expected an asset key, an attribute such as group:name, or '(', but found 'or'",
            "not             | 4  |        | Expected an asset key, an attribute such as group:name, or '(', but found end of the selection",
            "raw/a,          | 7  |        | Expected an asset key",
            "()              | 2  | )      | Expected an asset key",
            "r@w/a           | 1  | r@w/a  | Invalid asset key 'r@w/a'",
            "ra*w/a/         | 1  | ra*w/a/ | Invalid asset key pattern 'ra*w/a/'",
    })
    void syntaxErrorsNameTheTokenAndItsPosition(String selection, int position, String token, String message) {
        String text = selection.stripTrailing();
        assertThatThrownBy(() -> AssetSelection.parse(text))
                .isInstanceOfSatisfying(InvalidSelectionException.class, e -> {
                    assertThat(e.position()).as("position").isEqualTo(position);
                    assertThat(e.token()).as("token").isEqualTo(token == null ? "" : token);
                    assertThat(e.selection()).isEqualTo(text);
                    assertThat(e.getMessage()).contains(message).contains("at position " + position)
                            .contains("'" + text + "'");
                });
    }

    @Test
    void theMessageMarksTheBadToken() {
        assertThatThrownBy(() -> AssetSelection.parse("group:raw and kind:x"))
                .hasMessage("Unknown attribute 'kind'; attributes are key:, group:, tag: and owner: at position 15 of "
                        + "asset selection 'group:raw and kind:x'\n  group:raw and kind:x\n  " + " ".repeat(14) + "^^^^");
    }

    @Test
    void emptyAndUnterminatedSelections() {
        assertThatThrownBy(() -> AssetSelection.parse("   ")).isInstanceOf(InvalidSelectionException.class)
                .hasMessageContaining("The asset selection is empty");
        assertThatThrownBy(() -> AssetSelection.parse(null)).isInstanceOf(InvalidSelectionException.class)
                .hasMessageContaining("The asset selection is empty");
        assertThatThrownBy(() -> AssetSelection.parse("raw/a or \"raw/b"))
                .isInstanceOfSatisfying(InvalidSelectionException.class, e -> {
                    assertThat(e.position()).isEqualTo(10);
                    assertThat(e.getMessage()).contains("Unterminated quoted text");
                });
    }

    @Test
    void quotedTextAllowsKeywordsAndEscapes() {
        AssetGraph g = AssetGraph.of(List.of(AssetDefinition.builder("and").owners(List.of("a \"b\" c")).build()));
        assertThat(AssetSelection.parse("\"and\"").resolve(g)).containsExactly(AssetKey.of("and"));
        assertThat(AssetSelection.parse("key:and").resolve(g)).containsExactly(AssetKey.of("and"));
        assertThat(AssetSelection.parse("owner:\"a \\\"b\\\" c\"").resolve(g)).containsExactly(AssetKey.of("and"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "raw/c                | 1  | raw/c          | Unknown asset 'raw/c' (did you mean 'raw/a' or 'raw/b'?)",
            "group:raw or a       | 14 | a              | Unknown asset 'a' (did you mean 'raw/a' or 'stg/a'?)",
            "zzzzzzzz             | 1  | zzzzzzzz       | Unknown asset 'zzzzzzzz' at position",
            "group:rwa            | 1  | group:rwa      | No asset is in group 'rwa' (did you mean 'raw'?); groups: [default, mart, raw, staging]",
            "owner:bobby          | 1  | owner:bobby    | No asset is owned by 'bobby' (did you mean 'bob'?)",
            "tag:tier=bronze      | 1  | tag:tier=bronze | No asset has tag 'tier=bronze'",
            "tag:pi               | 1  | tag:pi         | No asset has tag 'pi' (did you mean 'pii'?)",
            "nomatch/*            | 1  | nomatch/*      | No asset key matches 'nomatch/*'",
            "+(raw/a or mart/x)   | 12 | mart/x         | Unknown asset 'mart/x'",
    })
    void namesTheGraphLacksAreErrors(String selection, int position, String token, String message) {
        String text = selection.stripTrailing();
        AssetSelection parsed = AssetSelection.parse(text);
        assertThatThrownBy(() -> parsed.resolve(GRAPH))
                .isInstanceOfSatisfying(InvalidSelectionException.class, e -> {
                    assertThat(e.position()).as("position").isEqualTo(position);
                    assertThat(e.token()).as("token").isEqualTo(token);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    // --- randomized comparison with a naive reference ---------------------------------------------------

    /** A random DAG: node i depends on up to three nodes before it. */
    private record RandomGraph(AssetGraph graph, Map<String, List<String>> ups, Map<String, List<String>> downs,
            Map<String, String> groups, List<String> keys) {

        static RandomGraph of(long seed, int n) {
            SplittableRandom random = new SplittableRandom(seed);
            List<AssetDefinition> defs = new ArrayList<>();
            Map<String, List<String>> ups = new HashMap<>();
            Map<String, List<String>> downs = new HashMap<>();
            Map<String, String> groups = new HashMap<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String key = "g" + (i % 5) + "/n" + i;
                keys.add(key);
                String group = "group" + random.nextInt(4);
                groups.put(key, group);
                AssetDefinition.Builder b = AssetDefinition.builder(key).group(group);
                Set<String> mine = new HashSet<>();
                int parents = i == 0 ? 0 : random.nextInt(4);
                for (int k = 0; k < parents; k++) {
                    mine.add(keys.get(random.nextInt(i)));
                }
                for (String up : mine) {
                    b.input(up);
                    downs.computeIfAbsent(up, x -> new ArrayList<>()).add(key);
                }
                ups.put(key, List.copyOf(mine));
                defs.add(b.build());
            }
            java.util.Collections.shuffle(defs, new java.util.Random(seed));
            return new RandomGraph(AssetGraph.of(defs), ups, downs, groups, keys);
        }

        /** Layer by layer, with no visited set: slow and obviously right. */
        Set<String> reach(String key, int depth, boolean upstream) {
            Set<String> out = new TreeSet<>(Set.of(key));
            Set<String> frontier = Set.of(key);
            for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
                Set<String> next = new HashSet<>();
                for (String k : frontier) {
                    next.addAll((upstream ? ups : downs).getOrDefault(k, List.of()));
                }
                next.removeAll(out);
                out.addAll(next);
                frontier = next;
            }
            return out;
        }
    }

    private static String prefix(int depth, SplittableRandom random) {
        if (depth == 0) {
            return "";
        }
        if (depth == Integer.MAX_VALUE) {
            return "+";
        }
        return depth >= 2 && random.nextBoolean() ? "+".repeat(depth) : depth + "+";
    }

    private static String suffix(int depth, SplittableRandom random) {
        if (depth == 0) {
            return "";
        }
        if (depth == Integer.MAX_VALUE) {
            return "+";
        }
        return depth >= 2 && random.nextBoolean() ? "+".repeat(depth) : "+" + depth;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void traversalsAndSetOperationsMatchANaiveReference(long seed) {
        RandomGraph rg = RandomGraph.of(seed, 150);
        SplittableRandom random = new SplittableRandom(seed * 31);
        int[] depths = {0, 1, 2, 3, Integer.MAX_VALUE};
        for (int q = 0; q < 60; q++) {
            String key = rg.keys().get(random.nextInt(rg.keys().size()));
            int up = depths[random.nextInt(depths.length)];
            int down = depths[random.nextInt(depths.length)];
            String text = prefix(up, random) + key + suffix(down, random);
            Set<String> expected = new TreeSet<>(rg.reach(key, up, true));
            expected.addAll(rg.reach(key, down, false));

            String group = "group" + random.nextInt(4);
            String combined = "(" + text + ") and not group:" + group;
            Set<String> expectedCombined = new TreeSet<>(expected);
            expectedCombined.removeIf(k -> rg.groups().get(k).equals(group));
            boolean groupUsed = rg.groups().containsValue(group);

            AssetSelection s = AssetSelection.parse(text);
            Set<String> actual = s.resolve(rg.graph()).stream().map(AssetKey::toString)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(actual).as("seed %d, selection %s", seed, text).isEqualTo(expected);
            if (groupUsed) {
                Set<String> actualCombined = AssetSelection.parse(combined).resolve(rg.graph()).stream()
                        .map(AssetKey::toString).collect(Collectors.toCollection(TreeSet::new));
                assertThat(actualCombined).as("seed %d, selection %s", seed, combined).isEqualTo(expectedCombined);
            }
        }
    }

    @Test
    void aTenThousandAssetChainResolves() {
        int n = 10_000;
        List<AssetDefinition> defs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AssetDefinition.Builder b = AssetDefinition.builder("c/n" + i);
            if (i > 0) {
                b.input("c/n" + (i - 1));
            }
            defs.add(b.build());
        }
        AssetGraph g = AssetGraph.of(defs);
        assertThat(AssetSelection.parse("+c/n9999").resolveIndices(g).cardinality()).isEqualTo(n);
        assertThat(AssetSelection.parse("c/n5000+").resolveIndices(g).cardinality()).isEqualTo(5000);
        assertThat(AssetSelection.parse("100+c/n5000+100").resolveIndices(g).cardinality()).isEqualTo(201);
        assertThat(AssetSelection.parse("c/* and not c/n1*").resolveIndices(g).cardinality()).isEqualTo(n - 1111);
    }
}
