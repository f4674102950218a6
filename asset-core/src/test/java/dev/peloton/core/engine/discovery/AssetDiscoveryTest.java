package dev.peloton.core.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetCheck;
import dev.peloton.core.AssetContext;
import dev.peloton.core.AssetKey;
import dev.peloton.core.Backoff;
import dev.peloton.core.CheckResult;
import dev.peloton.core.In;
import dev.peloton.core.Mapping;
import dev.peloton.core.MappingKind;
import dev.peloton.core.MultiAsset;
import dev.peloton.core.Out;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.Retry;
import dev.peloton.core.RetryPolicy;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetDependency;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.CheckDefinition;
import dev.peloton.core.engine.graph.CodeVersionSource;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssetDiscoveryTest {

    // --- fixtures ------------------------------------------------------------------------------------

    static class Shop {
        @Partitions("regions")
        static PartitionsDefinition regions() {
            return PartitionsDefinition.staticKeys("eu", "us");
        }

        @Mapping("same")
        static final PartitionMapping SAME = PartitionMappings.identity();

        int calls;

        @Asset(key = "raw/orders", group = "raw", owners = {"team-a", "ops"}, tags = {"tier=gold", "pii"},
                description = "Orders as they come", codeVersion = "v1", partitions = "regions", ioManager = "memory",
                pool = "db", handlesRanges = true)
        @Retry(maxRetries = 3, delayMillis = 500, backoff = Backoff.LINEAR, jitter = false)
        List<String> orders(AssetContext context) {
            calls++;
            return List.of(context.partitionKey() + "-1", context.partitionKey() + "-2");
        }

        @Asset(keyPrefix = "raw")
        static Map<String, Integer> prices() {
            return Map.of("bike", 1000);
        }

        /** {@code orders} names raw/orders: the only key whose last segment is "orders". */
        @Asset(keyPrefix = "warehouse", partitions = "regions", deps = {"raw/prices"})
        int orderCount(List<String> orders) {
            return orders.size();
        }

        @Asset(keyPrefix = "warehouse")
        void report(@In(value = "warehouse/orderCount", mapping = MappingKind.ALL) int count, AssetContext context) {
            context.addMetadata("count", count);
        }

        @Asset(keyPrefix = "warehouse", partitions = "regions")
        String regional(@In(value = "raw/orders", mapping = MappingKind.NAMED, named = "same") List<String> rows) {
            return String.join(",", rows);
        }

        @Asset(keyPrefix = "warehouse")
        String identityCopy(@In(value = "raw/prices", mapping = MappingKind.IDENTITY) Map<String, Integer> p) {
            return p.toString();
        }

        @Asset
        static String failing() throws IOException {
            throw new IOException("disk full");
        }

        @AssetCheck(asset = "raw/orders", blocking = true, description = "at least one order")
        CheckResult ordersNotEmpty(List<String> orders) {
            return CheckResult.of(!orders.isEmpty(), "orders: " + orders.size(), Map.of());
        }

        @AssetCheck(asset = "warehouse/orderCount", name = "positive")
        static CheckResult positive(AssetContext context, Integer count, Map<String, Integer> prices) {
            return CheckResult.of(count > 0 && prices.containsKey("bike"), "count " + count, Map.of());
        }

        @AssetCheck(asset = "raw/prices")
        CheckResult forgetful(Map<String, Integer> prices) {
            return null;
        }
    }

    static class Split {
        @MultiAsset(outs = {@Out("left"), @Out(value = "right", key = "other/right", tags = {"side=r"},
                owners = {"bob"}, ioManager = "files", description = "right half")},
                keyPrefix = "split", group = "halves", subsettable = true, codeVersion = "m1", partitions = "regions")
        @Retry(maxRetries = 1)
        Map<String, Object> split(@In("raw/orders") List<String> rows, AssetContext context) {
            Map<String, Object> out = new HashMap<>();
            if (context.selectedAssets().contains(AssetKey.parse("split/left"))) {
                out.put("left", rows.subList(0, 1));
            }
            if (context.selectedAssets().contains(AssetKey.parse("other/right"))) {
                out.put("right", rows.subList(1, rows.size()));
            }
            return out;
        }

        @MultiAsset(outs = {@Out("a"), @Out("b")}, keyPrefix = "partial")
        static Map<String, Object> partial() {
            return Map.of("a", 1);
        }

        @MultiAsset(outs = {@Out("x")}, keyPrefix = "typo")
        static Map<String, Object> typo() {
            return Map.of("x", 1, "y", 2);
        }
    }

    /** Needs its constructor argument: only usable as an instance. */
    static class Configured {
        private final String suffix;

        Configured(String suffix) {
            this.suffix = suffix;
        }

        @Asset
        String greeting() {
            return "hello " + suffix;
        }
    }

    static class Base {
        @Asset
        String inherited() {
            return "base";
        }
    }

    /** Overrides without the annotation, as a proxy does: the superclass's declaration stays in force. */
    static class Proxy extends Base {
        @Override
        String inherited() {
            return "proxied " + super.inherited();
        }
    }

    // --- tests ---------------------------------------------------------------------------------------

    private static AssetDefinition asset(Definitions d, String key) {
        return d.assets().stream().filter(a -> a.key().equals(AssetKey.parse(key))).findFirst().orElseThrow(
                () -> new AssertionError("no asset " + key + " in " + d.assets().stream().map(AssetDefinition::key)
                        .toList()));
    }

    private static CheckDefinition check(Definitions d, String id) {
        return d.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void readsEveryAssetOption() {
        Definitions d = new AssetDiscovery().fromClasses(Shop.class);
        AssetDefinition orders = asset(d, "raw/orders");
        assertThat(orders.group()).isEqualTo("raw");
        assertThat(orders.owners()).containsExactly("team-a", "ops");
        assertThat(orders.tags()).isEqualTo(Map.of("tier", "gold", "pii", ""));
        assertThat(orders.description()).isEqualTo("Orders as they come");
        assertThat(orders.codeVersion()).isEqualTo("v1");
        assertThat(orders.codeVersionSource()).isEqualTo(CodeVersionSource.EXPLICIT);
        assertThat(orders.partitions()).isEqualTo(PartitionsDefinition.staticKeys("eu", "us"));
        assertThat(orders.ioManager()).isEqualTo("memory");
        assertThat(orders.pool()).isEqualTo("db");
        assertThat(orders.handlesRanges()).isTrue();
        assertThat(orders.retryPolicy()).isEqualTo(new RetryPolicy(3, Duration.ofMillis(500), Backoff.LINEAR, false));
        assertThat(orders.dependencies()).isEmpty();
        assertThat(orders.valueType()).isEqualTo(List.class);
        assertThat(orders.origin()).isEqualTo(Shop.class.getName() + "#orders");
        assertThat(orders.subsettable()).isFalse();
        assertThat(orders.computeId()).isEqualTo("raw/orders");

        AssetDefinition prices = asset(d, "raw/prices");
        assertThat(prices.group()).isEqualTo("default");
        assertThat(prices.ioManager()).isEqualTo("default");
        assertThat(prices.retryPolicy()).isEqualTo(RetryPolicy.NONE);
        assertThat(prices.partitions().isPartitioned()).isFalse();
        assertThat(prices.codeVersionSource()).isEqualTo(CodeVersionSource.BYTECODE);
        assertThat(prices.codeVersion()).matches("[0-9a-f]{16}");
        assertThat(d.partitions()).containsOnlyKeys("regions");
    }

    @Test
    void parametersBecomeDependencies() {
        Definitions d = new AssetDiscovery().fromClasses(Shop.class);
        AssetDefinition count = asset(d, "warehouse/orderCount");
        assertThat(count.dependencies()).containsExactly(
                new AssetDependency(AssetKey.parse("raw/orders"), "orders", List.class, null),
                AssetDependency.deps(AssetKey.parse("raw/prices")));

        AssetDefinition report = asset(d, "warehouse/report");
        assertThat(report.valueType()).isEqualTo(void.class);
        assertThat(report.dependencies()).hasSize(1);
        AssetDependency in = report.dependencies().get(0);
        assertThat(in.upstream()).isEqualTo(AssetKey.parse("warehouse/orderCount"));
        assertThat(in.parameterName()).isEqualTo("count");
        assertThat(in.parameterType()).isEqualTo(int.class);
        assertThat(in.mapping()).isSameAs(PartitionMappings.all());

        assertThat(asset(d, "warehouse/regional").dependencies().get(0).mapping()).isSameAs(Shop.SAME);
        assertThat(asset(d, "warehouse/identityCopy").dependencies().get(0).mapping())
                .isSameAs(PartitionMappings.identity());
    }

    @Test
    void theDiscoveredDefinitionsFormAValidGraph() {
        Definitions d = AssetDiscovery.scan(Shop.class, Split.class);
        AssetGraph graph = d.toGraph();
        assertThat(graph.size()).isEqualTo(d.assets().size());
        assertThat(graph.indexOf(AssetKey.parse("raw/orders")))
                .isLessThan(graph.indexOf(AssetKey.parse("warehouse/orderCount")));
        assertThat(graph.checksOf(AssetKey.parse("raw/orders"))).extracting(CheckDefinition::name)
                .containsExactly("ordersNotEmpty");
    }

    @Test
    void anAssetComputeCallsTheMethodOnItsInstanceWithInputsAndContext() throws Exception {
        Shop shop = new Shop();
        Definitions d = new AssetDiscovery().fromInstances(shop);
        AssetDefinition orders = asset(d, "raw/orders");
        TestContext ctx = new TestContext(orders.key(), Set.of(orders.key()), "eu");
        assertThat(orders.compute().compute(Map.of(), ctx)).isEqualTo(Map.of(orders.key(), List.of("eu-1", "eu-2")));
        assertThat(shop.calls).isEqualTo(1);

        AssetDefinition count = asset(d, "warehouse/orderCount");
        assertThat(count.compute().compute(Map.of("orders", List.of("a", "b", "c")), TestContext.of("warehouse/orderCount")))
                .isEqualTo(Map.of(count.key(), 3));
    }

    @Test
    void aVoidMethodMapsItsKeyToNull() throws Exception {
        AssetDefinition report = asset(AssetDiscovery.scan(Shop.class), "warehouse/report");
        TestContext ctx = TestContext.of("warehouse/report");
        Map<AssetKey, Object> out = report.compute().compute(Map.of("count", 7), ctx);
        assertThat(out).containsOnlyKeys(report.key());
        assertThat(out.get(report.key())).isNull();
        assertThat(ctx.metadata).containsEntry("count", 7);
    }

    @Test
    void theUsersOwnExceptionSurfacesUnwrapped() {
        AssetDefinition failing = asset(AssetDiscovery.scan(Shop.class), "failing");
        assertThatThrownBy(() -> failing.compute().compute(Map.of(), TestContext.of("failing")))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("disk full");
    }

    @Test
    void badInputsToAComputeAreNamed() {
        AssetDefinition count = asset(AssetDiscovery.scan(Shop.class), "warehouse/orderCount");
        assertThatThrownBy(() -> count.compute().compute(Map.of(), TestContext.of("warehouse/orderCount")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no value was given for parameter 'orders'")
                .hasMessageContaining("raw/orders");
        assertThatThrownBy(() -> count.compute().compute(Map.of("orders", "not a list"),
                TestContext.of("warehouse/orderCount")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'orders' expects a java.util.List")
                .hasMessageContaining("java.lang.String");
        AssetDefinition report = asset(AssetDiscovery.scan(Shop.class), "warehouse/report");
        Map<String, Object> nullCount = new HashMap<>();
        nullCount.put("count", null);
        assertThatThrownBy(() -> report.compute().compute(nullCount, TestContext.of("warehouse/report")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'count' of type int cannot take null");
    }

    @Test
    void multiAssetOutputsShareComputeAndOptions() {
        Definitions d = AssetDiscovery.scan(Shop.class, Split.class);
        AssetDefinition left = asset(d, "split/left");
        AssetDefinition right = asset(d, "other/right");
        assertThat(left.computeId()).isEqualTo(right.computeId()).isEqualTo(Split.class.getName() + "#split");
        assertThat(left.compute()).isSameAs(right.compute());
        assertThat(left.subsettable()).isTrue();
        assertThat(right.subsettable()).isTrue();
        assertThat(left.group()).isEqualTo("halves");
        assertThat(left.codeVersion()).isEqualTo("m1");
        assertThat(left.retryPolicy().maxRetries()).isEqualTo(1);
        assertThat(left.ioManager()).isEqualTo("default");
        assertThat(right.ioManager()).isEqualTo("files");
        assertThat(right.tags()).isEqualTo(Map.of("side", "r"));
        assertThat(right.owners()).containsExactly("bob");
        assertThat(right.description()).isEqualTo("right half");
        assertThat(left.partitions()).isEqualTo(right.partitions());
        assertThat(left.dependencies()).containsExactly(
                new AssetDependency(AssetKey.parse("raw/orders"), "rows", List.class, null));
        assertThat(asset(d, "partial/a").subsettable()).isFalse();
        assertThat(asset(d, "partial/a").computeId()).isEqualTo(asset(d, "partial/b").computeId());
    }

    @Test
    void aMultiAssetMapsItsReturnedMapByOutputName() throws Exception {
        AssetDefinition left = asset(AssetDiscovery.scan(Shop.class, Split.class), "split/left");
        AssetKey l = AssetKey.parse("split/left");
        AssetKey r = AssetKey.parse("other/right");
        Map<String, Object> inputs = Map.of("rows", List.of("x", "y", "z"));
        Map<AssetKey, Object> both = left.compute().compute(inputs, new TestContext(l, Set.of(l, r), ""));
        assertThat(both).isEqualTo(Map.of(l, List.of("x"), r, List.of("y", "z")));
        Map<AssetKey, Object> onlyRight = left.compute().compute(inputs, new TestContext(r, Set.of(r), ""));
        assertThat(onlyRight).isEqualTo(Map.of(r, List.of("y", "z")));
    }

    @Test
    void aSelectedOutputMissingFromTheReturnedMapIsAnErrorNamingIt() throws Exception {
        Definitions d = AssetDiscovery.scan(Split.class, Shop.class);
        AssetDefinition a = asset(d, "partial/a");
        AssetKey ka = AssetKey.parse("partial/a");
        AssetKey kb = AssetKey.parse("partial/b");
        assertThat(a.compute().compute(Map.of(), new TestContext(ka, Set.of(ka), ""))).isEqualTo(Map.of(ka, 1));
        assertThatThrownBy(() -> a.compute().compute(Map.of(), new TestContext(ka, Set.of(ka, kb), "")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not return output 'b'")
                .hasMessageContaining("partial/b")
                .hasMessageContaining(Split.class.getName() + "#partial");
        AssetDefinition typo = asset(d, "typo/x");
        assertThatThrownBy(() -> typo.compute().compute(Map.of(), TestContext.of("typo/x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned a value for 'y', which is not one of its outputs [x]");
    }

    @Test
    void checksReceiveTheCheckedAssetsValue() throws Exception {
        Definitions d = AssetDiscovery.scan(Shop.class);
        CheckDefinition notEmpty = check(d, "raw/orders:ordersNotEmpty");
        assertThat(notEmpty.blocking()).isTrue();
        assertThat(notEmpty.description()).isEqualTo("at least one order");
        assertThat(notEmpty.origin()).isEqualTo(Shop.class.getName() + "#ordersNotEmpty");
        assertThat(notEmpty.dependencies()).containsExactly(
                new AssetDependency(AssetKey.parse("raw/orders"), "orders", List.class, null));
        CheckResult passed = notEmpty.compute().evaluate(Map.of("orders", List.of("a")), TestContext.of("raw/orders"));
        assertThat(passed.passed()).isTrue();
        assertThat(notEmpty.compute().evaluate(Map.of("orders", List.of()), TestContext.of("raw/orders")).passed())
                .isFalse();

        // "count" does not name warehouse/orderCount: the first parameter after the context gets its value,
        // and "prices" is one more upstream value.
        CheckDefinition positive = check(d, "warehouse/orderCount:positive");
        assertThat(positive.dependencies()).extracting(AssetDependency::upstream, AssetDependency::parameterName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AssetKey.parse("warehouse/orderCount"), "count"),
                        org.assertj.core.groups.Tuple.tuple(AssetKey.parse("raw/prices"), "prices"));
        assertThat(positive.compute().evaluate(Map.of("count", 2, "prices", Map.of("bike", 1)),
                TestContext.of("warehouse/orderCount")).passed()).isTrue();
    }

    @Test
    void aCheckReturningNullIsAnErrorNamingIt() {
        CheckDefinition forgetful = check(AssetDiscovery.scan(Shop.class), "raw/prices:forgetful");
        assertThatThrownBy(() -> forgetful.compute().evaluate(Map.of("prices", Map.of()), TestContext.of("raw/prices")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Check 'raw/prices:forgetful'")
                .hasMessageContaining("returned null");
    }

    @Test
    void instancesCarryTheirOwnState() throws Exception {
        AssetDefinition greeting = asset(new AssetDiscovery().fromInstances(new Configured("world")), "greeting");
        assertThat(greeting.compute().compute(Map.of(), TestContext.of("greeting")).get(greeting.key()))
                .isEqualTo("hello world");
    }

    @Test
    void aClassWithoutANoArgumentConstructorIsAnErrorNamingTheMethod() {
        assertThatThrownBy(() -> new AssetDiscovery().fromClasses(Configured.class))
                .isInstanceOf(dev.peloton.core.engine.graph.InvalidAssetGraphException.class)
                .hasMessageContaining(Configured.class.getName() + "#greeting (asset 'greeting')")
                .hasMessageContaining("no no-argument constructor");
        assertThatThrownBy(() -> new AssetDiscovery().fromInstances(Configured.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use fromClasses");
    }

    @Test
    void anUnannotatedOverrideKeepsTheSuperclassDeclarationAndCallsTheOverride() throws Exception {
        Definitions d = new AssetDiscovery().fromInstances(new Proxy());
        assertThat(d.assets()).hasSize(1);
        AssetDefinition inherited = d.assets().get(0);
        assertThat(inherited.key()).isEqualTo(AssetKey.of("inherited"));
        assertThat(inherited.compute().compute(Map.of(), TestContext.of("inherited")).get(inherited.key()))
                .isEqualTo("proxied base");
    }

    @Test
    void bytecodeVersionsDifferBetweenMethodsAndRepeatForTheSameMethod() {
        CodeVersions versions = new CodeVersions();
        Definitions first = new AssetDiscovery(versions).fromClasses(Shop.class);
        Definitions second = new AssetDiscovery().fromClasses(Shop.class);
        assertThat(asset(first, "warehouse/orderCount").codeVersion())
                .isEqualTo(asset(second, "warehouse/orderCount").codeVersion())
                .isNotEqualTo(asset(first, "warehouse/regional").codeVersion());
    }

    static class Names {
        @Asset(keyPrefix = "a")
        static int x() {
            return 1;
        }

        @Asset(keyPrefix = "b")
        static int x2() {
            return 2;
        }

        @Asset(key = "b/x")
        static int bx() {
            return 3;
        }

        /** "x" is both a/x and b/x: the sibling under the same prefix wins. */
        @Asset(keyPrefix = "a")
        static int y(int x) {
            return x;
        }

        /** No sibling and no key "x": a/x and b/x are both candidates, so it is ambiguous. */
        @Asset(keyPrefix = "c")
        static int z(int x) {
            return x;
        }
    }

    @Test
    void parameterNamesPreferTheSiblingKeyAndRejectAmbiguity() {
        assertThatThrownBy(() -> AssetDiscovery.scan(Names.class))
                .isInstanceOf(dev.peloton.core.engine.graph.InvalidAssetGraphException.class)
                .satisfies(e -> {
                    List<String> problems = ((dev.peloton.core.engine.graph.InvalidAssetGraphException) e).problems();
                    assertThat(problems).hasSize(1);
                    assertThat(problems.get(0)).contains(Names.class.getName() + "#z (asset 'c/z')")
                            .contains("parameter 'x' could name any of [a/x, b/x]");
                });
    }

    static class Sibling {
        @Asset(keyPrefix = "a")
        static int x() {
            return 1;
        }

        @Asset(key = "b/x")
        static int bx() {
            return 3;
        }

        @Asset(keyPrefix = "a")
        static int y(int x) {
            return x;
        }

        @Asset
        static int unknownUpstream(int nothingNamedThis) {
            return nothingNamedThis;
        }
    }

    @Test
    void aSiblingKeyWinsAndAnUnknownNameIsLeftForTheGraphToReport() {
        Definitions d = AssetDiscovery.scan(Sibling.class);
        assertThat(asset(d, "a/y").dependencies().get(0).upstream()).isEqualTo(AssetKey.parse("a/x"));
        assertThat(asset(d, "unknownUpstream").dependencies().get(0).upstream())
                .isEqualTo(AssetKey.parse("nothingNamedThis"));
        assertThatThrownBy(d::toGraph)
                .hasMessageContaining("Asset 'unknownUpstream' (" + Sibling.class.getName()
                        + "#unknownUpstream) depends on unknown asset 'nothingNamedThis'");
    }

    @Test
    void definitionsAreImmutableAndOrdered() {
        Definitions d = AssetDiscovery.scan(Shop.class);
        // Methods are read in name order, so discovery does not depend on the JVM's reflection order.
        assertThat(d.assets()).extracting(a -> a.key().toString()).containsExactly("failing", "warehouse/identityCopy",
                "warehouse/orderCount", "raw/orders", "raw/prices", "warehouse/regional", "warehouse/report");
        assertThatThrownBy(() -> d.assets().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.partitions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
