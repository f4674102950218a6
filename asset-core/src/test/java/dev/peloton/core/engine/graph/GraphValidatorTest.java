package dev.peloton.core.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.IOManager;
import dev.peloton.core.InputContext;
import dev.peloton.core.OutputContext;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.CheckResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphValidatorTest {

    private static final PartitionsDefinition COLORS = PartitionsDefinition.staticKeys("red", "green");
    private static final PartitionsDefinition SIZES = PartitionsDefinition.staticKeys("s", "m", "l");

    /** Connects only equal definitions. */
    private record SameOnly(String name) implements PartitionMapping {
        @Override
        public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
                PartitionsDefinition upstreamDef) {
            return downstream;
        }

        @Override
        public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
                PartitionsDefinition downstreamDef) {
            return upstream;
        }

        @Override
        public Optional<String> incompatibility(PartitionsDefinition upstreamDef, PartitionsDefinition downstreamDef) {
            return upstreamDef.equals(downstreamDef) ? Optional.empty() : Optional.of("the keys differ");
        }

        @Override
        public String describe() {
            return name;
        }
    }

    /** A custom mapping with a bug in its compatibility check. */
    private record Buggy() implements PartitionMapping {
        @Override
        public PartitionSet upstreamOf(PartitionSet d, PartitionsDefinition dd, PartitionsDefinition ud) {
            return d;
        }

        @Override
        public PartitionSet downstreamOf(PartitionSet u, PartitionsDefinition ud, PartitionsDefinition dd) {
            return u;
        }

        @Override
        public Optional<String> incompatibility(PartitionsDefinition upstreamDef, PartitionsDefinition downstreamDef) {
            throw new IllegalStateException("oops");
        }

        @Override
        public String describe() {
            return "buggy";
        }
    }

    /** Loads only the types it is given. */
    private record TypedIo(Set<Class<?>> loadable) implements IOManager {
        @Override
        public void store(OutputContext context, Object value) {
        }

        @Override
        public Object load(InputContext context) {
            return null;
        }

        @Override
        public boolean canLoad(Class<?> type) {
            return loadable.contains(type);
        }
    }

    private static AssetDefinition.Builder asset(String key) {
        return AssetDefinition.builder(key).origin("Test#" + key.replace('/', '_'));
    }

    private static AssetDependency input(String upstream, String parameter, Class<?> type) {
        return AssetDependency.input(AssetKey.parse(upstream), parameter, type);
    }

    private static CheckDefinition check(String asset, String name, AssetDependency... deps) {
        return new CheckDefinition(AssetKey.parse(asset), name, "", false, List.of(deps),
                (inputs, ctx) -> CheckResult.pass(), "Checks#" + name);
    }

    private static List<String> problems(Runnable build) {
        try {
            build.run();
        } catch (InvalidAssetGraphException e) {
            return e.problems();
        }
        throw new AssertionError("the graph was valid");
    }

    @Test
    void aValidGraphIsOrderedUpstreamFirst() {
        AssetGraph g = AssetGraph.of(List.of(asset("c").input("b").build(), asset("b").input("a").build(),
                asset("a").build(), asset("d").input("a").deps("c").build()));
        assertThat(g.definitions()).extracting(d -> d.key().toString()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void duplicateKeys() {
        assertThat(problems(() -> AssetGraph.of(List.of(asset("a").origin("One#a").build(),
                asset("a").origin("Two#a").build())))).containsExactly(
                "Duplicate asset key 'a': declared by One#a and by Two#a");
    }

    @Test
    void unknownUpstreamWithCloseMatches() {
        assertThat(problems(() -> AssetGraph.of(List.of(asset("raw/orders").build(),
                asset("report").input("raw/order").build())))).containsExactly(
                "Asset 'report' (Test#report) depends on unknown asset 'raw/order' (did you mean 'raw/orders'?)");
    }

    @Test
    void checksOfUnknownAssetsAndDuplicateChecks() {
        List<String> problems = problems(() -> AssetGraph.of(List.of(asset("a").build()), List.of(
                check("b", "exists", input("b", "b", Object.class)),
                check("a", "fresh"),
                check("a", "fresh"),
                check("a", "joined", input("a", "a", Object.class), input("zzz", "zzz", Object.class)))));
        assertThat(problems).containsExactly(
                "Check 'exists' (Checks#exists) checks unknown asset 'b' (did you mean 'a'?)",
                "Duplicate check 'a:fresh': declared by Checks#fresh and by Checks#fresh",
                "Check 'a:joined' (Checks#joined) loads unknown asset 'zzz'");
    }

    @Test
    void cycleWithItsPath() {
        assertThat(problems(() -> AssetGraph.of(List.of(asset("a").input("c").build(), asset("b").input("a").build(),
                asset("c").input("b").build(), asset("d").input("a").build())))).containsExactly(
                "Cycle in the asset graph: a -> b -> c -> a");
    }

    @Test
    void incompatiblePartitionMappingNamesBothAssetsTheMappingAndBothDefinitions() {
        List<String> problems = problems(() -> AssetGraph.of(List.of(
                asset("colors").partitions(COLORS).build(),
                asset("sizes").partitions(SIZES).input("colors", new SameOnly("same-keys")).build())));
        assertThat(problems).containsExactly("Asset 'sizes' (Test#sizes) cannot read asset 'colors' through partition "
                + "mapping 'same-keys': the keys differ; upstream 'colors' has partitions " + COLORS.describe()
                + ", downstream 'sizes' has partitions " + SIZES.describe());
        // The same mapping between equal definitions is fine.
        AssetGraph ok = AssetGraph.of(List.of(asset("colors").partitions(COLORS).build(),
                asset("more").partitions(COLORS).input("colors", new SameOnly("same-keys")).build()));
        assertThat(ok.upstreamEdges(ok.indexOf(AssetKey.of("more")))[0].mapping()).isEqualTo(new SameOnly("same-keys"));
    }

    @Test
    void aMappingWhoseCheckThrowsIsReported() {
        assertThat(problems(() -> AssetGraph.of(List.of(asset("a").build(),
                asset("b").input("a", new Buggy()).build())))).singleElement().asString()
                .contains("Asset 'b' (Test#b) cannot read asset 'a' through partition mapping")
                .contains("checking the mapping failed: java.lang.IllegalStateException: oops");
    }

    @Test
    void multiAssetOutputsWithDifferentPartitions() {
        List<String> problems = problems(() -> AssetGraph.of(List.of(
                asset("m/one").computeId("M#split").partitions(COLORS).build(),
                asset("m/two").computeId("M#split").partitions(SIZES).build(),
                asset("m/three").computeId("M#split").partitions(COLORS).build())));
        assertThat(problems).containsExactly("Multi-asset M#split has outputs with different partitions definitions: "
                + "'m/one' has " + COLORS.describe() + ", 'm/two' has " + SIZES.describe() + ", 'm/three' has "
                + COLORS.describe() + "; the outputs of one multi-asset must share one");
    }

    @Test
    void ioManagersMustExistAndLoadEveryParameterType() {
        List<AssetDefinition> assets = List.of(
                asset("text").ioManager("strings").build(),
                asset("count").ioManager("nowhere").build(),
                asset("reader").dependency(input("text", "text", Integer.class))
                        .dependency(input("count", "count", Integer.class)).build(),
                asset("fine").dependency(input("text", "text", String.class)).deps("text").build());
        Map<String, IOManager> io = Map.of("default", new TypedIo(Set.of()), "strings", new TypedIo(Set.of(String.class)));
        List<String> problems = problems(() -> AssetGraph.of(assets, List.of(
                check("text", "isText", input("text", "text", List.class))), io));
        assertThat(problems).containsExactly(
                "Asset 'count' (Test#count) is stored by IO manager 'nowhere', which is not registered; registered: "
                        + "[default, strings]",
                "Asset 'reader' (Test#reader) takes parameter 'text' of type java.lang.Integer from asset 'text', but "
                        + "IO manager 'strings', which stores 'text', cannot load a java.lang.Integer",
                "Check 'text:isText' (Checks#isText) takes parameter 'text' of type java.util.List from asset 'text', "
                        + "but IO manager 'strings', which stores 'text', cannot load a java.util.List");
        // Without IO managers, the same graph is valid.
        assertThat(AssetGraph.of(assets, List.of()).size()).isEqualTo(4);
    }

    @Test
    void aMistypedIoManagerNameGetsASuggestion() {
        List<String> problems = problems(() -> AssetGraph.of(List.of(asset("a").ioManager("duckbd").build()),
                List.of(), Map.of("duckdb", new TypedIo(Set.of()), "default", new TypedIo(Set.of()))));
        assertThat(problems).singleElement().asString().contains("(did you mean 'duckdb'?)");
    }

    @Test
    void reportsEveryProblemOfAGraphAtOnce() {
        List<AssetDefinition> assets = List.of(
                asset("a").origin("One#a").build(),
                asset("a").origin("Two#a").build(),
                asset("b").input("missing").build(),
                asset("x").input("y").build(),
                asset("y").input("x").build(),
                asset("colors").partitions(COLORS).build(),
                asset("sizes").partitions(SIZES).input("colors", new SameOnly("same-keys")).build(),
                asset("m/one").computeId("M#m").partitions(COLORS).build(),
                asset("m/two").computeId("M#m").build(),
                asset("stored").ioManager("nowhere").build());
        List<String> problems = problems(() -> AssetGraph.of(assets, List.of(check("ghost", "c")),
                Map.of("default", new TypedIo(Set.of(Object.class)))));
        assertThat(problems).hasSize(7);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("Duplicate asset key 'a'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("depends on unknown asset 'missing'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("Cycle in the asset graph: x -> y -> x"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("through partition mapping 'same-keys'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("Multi-asset M#m has outputs with different"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("checks unknown asset 'ghost'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("IO manager 'nowhere', which is not registered"));
        assertThatThrownBy(() -> AssetGraph.of(assets)).hasMessageStartingWith("The asset graph is invalid (");
    }

    @Test
    void aLargeGraphValidatesAndOrders() {
        int n = 10_000;
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<AssetDefinition> assets = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            AssetDefinition.Builder b = asset("n" + i);
            for (int k = 0; k < 3 && i > 0; k++) {
                b.input("n" + random.nextInt(i));
            }
            assets.add(b.build());
        }
        java.util.Collections.shuffle(assets, new java.util.Random(7));
        AssetGraph g = AssetGraph.of(assets);
        for (int i = 0; i < g.size(); i++) {
            for (AssetGraph.Edge e : g.upstreamEdges(i)) {
                assertThat(e.upstream()).isLessThan(i);
            }
        }
    }
}
