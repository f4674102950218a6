package dev.peloton.core.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.peloton.core.AssetKey;
import dev.peloton.core.InvalidPartitionKeyException;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.UnknownAssetException;
import dev.peloton.core.engine.staleness.StateSnapshot;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import dev.peloton.core.engine.testing.Materializer;
import dev.peloton.core.engine.testing.TestMappings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final PartitionsDefinition DAYS = PartitionsDefinition.staticKeys(
            IntStream.rangeClosed(1, 10).mapToObj(d -> String.format("2023-07-%02d", d)).toList());

    private final InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
    private final Materializer m = new Materializer(storage);

    private Plan plan(AssetGraph graph, PlanRequest.Builder request) {
        return Planner.plan(graph, storage, request.build());
    }

    private static Map<String, List<String>> deps(Plan plan) {
        return plan.steps().stream().collect(Collectors.toMap(PlannedStep::id, PlannedStep::dependsOn,
                (x, y) -> x, java.util.LinkedHashMap::new));
    }

    private static List<String> ids(Plan plan) {
        return plan.steps().stream().map(PlannedStep::id).toList();
    }

    @Test
    void unpartitionedAssetsAreOneStepEachInTopologicalOrder() {
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("wh/c").input("wh/b").build(),
                AssetDefinition.builder("wh/a").build(),
                AssetDefinition.builder("wh/b").input("wh/a").build()));

        Plan plan = plan(graph, PlanRequest.of("wh/a", "wh/b", "wh/c"));

        assertThat(deps(plan)).containsExactly(
                Map.entry("wh/a", List.of()), Map.entry("wh/b", List.of("wh/a")), Map.entry("wh/c", List.of("wh/b")));
        assertThat(plan.steps().get(0).partitions()).isEqualTo(PartitionSet.of(0));
        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.notes()).isEmpty();
    }

    @Test
    void aStepDependsOnTheStepsProducingThePartitionsItsMappingsRead() {
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(DAYS).build(),
                AssetDefinition.builder("b").partitions(DAYS).input("a").build(),
                AssetDefinition.builder("c").partitions(DAYS).input("b", TestMappings.windowUpTo(3)).build()));

        Plan plan = plan(graph, PlanRequest.of("a", "b", "c").range("2023-07-04", "2023-07-06"));

        assertThat(ids(plan)).containsExactly("a[2023-07-04]", "a[2023-07-05]", "a[2023-07-06]", "b[2023-07-04]",
                "b[2023-07-05]", "b[2023-07-06]", "c[2023-07-04]", "c[2023-07-05]", "c[2023-07-06]");
        assertThat(deps(plan).get("b[2023-07-05]")).containsExactly("a[2023-07-05]");
        // c[07-04] reads b[07-02..07-04]; only b[07-04] is in the plan.
        assertThat(deps(plan).get("c[2023-07-04]")).containsExactly("b[2023-07-04]");
        assertThat(deps(plan).get("c[2023-07-06]")).containsExactly("b[2023-07-04]", "b[2023-07-05]",
                "b[2023-07-06]");
    }

    @Test
    void chunksAndWholeRangesForAssetsThatHandleRangesPerPartitionForTheOthers() {
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(DAYS).handlesRanges(true).build(),
                AssetDefinition.builder("b").partitions(DAYS).input("a").build()));

        Plan chunks = plan(graph, PlanRequest.of("a", "b").range("2023-07-04", "2023-07-08")
                .granularity(StepGranularity.chunks(2)));

        assertThat(ids(chunks)).containsExactly("a[2023-07-04..2023-07-05]", "a[2023-07-06..2023-07-07]",
                "a[2023-07-08]", "b[2023-07-04]", "b[2023-07-05]", "b[2023-07-06]", "b[2023-07-07]", "b[2023-07-08]");
        assertThat(deps(chunks).get("b[2023-07-05]")).containsExactly("a[2023-07-04..2023-07-05]");
        assertThat(chunks.steps().get(0).partitions()).isEqualTo(PartitionSet.range(3, 5));
        assertThat(chunks.notes()).containsExactly(
                "b does not handle partition ranges: planned one step per partition instead of chunks of 2 partitions");

        Plan whole = plan(graph, PlanRequest.of("a").keys("2023-07-02", "2023-07-03", "2023-07-04", "2023-07-09")
                .granularity(StepGranularity.wholeRange()));

        assertThat(ids(whole)).as("a step never spans a gap").containsExactly("a[2023-07-02..2023-07-04]",
                "a[2023-07-09]");
    }

    @Test
    void onlyStaleAndMissingLeavesFreshPartitionsOutAndSaysSo() {
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(DAYS).build(),
                AssetDefinition.builder("b").partitions(DAYS).input("a").build()));
        m.materializeAll(graph);
        m.materialize(graph, "a", "2023-07-03", "changed");
        m.materialize(graph, "a", "2023-07-05", "changed");
        m.materialize(graph, "b", "2023-07-05");

        Plan plan = plan(graph, PlanRequest.of("a", "b").onlyStaleAndMissing(true));

        assertThat(ids(plan)).containsExactly("b[2023-07-03]");
        assertThat(plan.skipped()).extracting(SkippedWork::asset, SkippedWork::partitions).containsExactly(
                tuple(AssetKey.of("a"), DAYS.all()),
                tuple(AssetKey.of("b"), DAYS.all().minus(PartitionSet.of(2))));
        assertThat(plan.skipped().get(0).reason()).startsWith("fresh:");
    }

    @Test
    void memoizationSkipsStepsWhoseCodeAndInputsAreUnchangedAndNamesTheRunItReuses() {
        AssetGraph v1 = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(DAYS).build(),
                AssetDefinition.builder("b").partitions(DAYS).input("a").build(),
                AssetDefinition.builder("c").input("b", PartitionMappings.all()).build()));
        String run = m.materializeAll(v1);

        Plan unchanged = plan(v1, PlanRequest.of("a", "b", "c").memoize(true));

        assertThat(unchanged.isEmpty()).isTrue();
        assertThat(unchanged.skipped()).extracting(SkippedWork::asset).containsExactly(AssetKey.of("a"),
                AssetKey.of("b"), AssetKey.of("c"));
        assertThat(unchanged.skipped()).allSatisfy(s -> assertThat(s.reason()).isEqualTo(
                "memoized: code version 1 and input data versions unchanged since run " + run
                        + ", whose materialization is reused"));

        String rerun = m.materialize(v1, "a", "2023-07-02", "new data");
        Plan afterNewData = plan(v1, PlanRequest.of("a", "b", "c").memoize(true));

        assertThat(ids(afterNewData)).containsExactly("b[2023-07-02]", "c");
        assertThat(deps(afterNewData).get("c")).containsExactly("b[2023-07-02]");
        assertThat(afterNewData.skipped()).filteredOn(s -> s.asset().equals(AssetKey.of("a")))
                .extracting(SkippedWork::partitions, SkippedWork::reason).containsExactly(
                        tuple(DAYS.all().minus(PartitionSet.of(1)), "memoized: code version 1 and input data "
                                + "versions unchanged since run " + run + ", whose materialization is reused"),
                        tuple(PartitionSet.of(1), "memoized: code version 1 and input data versions unchanged "
                                + "since run " + rerun + ", whose materialization is reused"));
    }

    @Test
    void memoizationRunsReadersOfUpstreamDataThisPlanProduces() {
        AssetGraph v1 = AssetGraph.of(List.of(
                AssetDefinition.builder("a").build(),
                AssetDefinition.builder("b").input("a").build()));
        m.materializeAll(v1);
        AssetGraph v2 = AssetGraph.of(List.of(
                AssetDefinition.builder("a").codeVersion("2").build(),
                AssetDefinition.builder("b").input("a").build()));

        assertThat(ids(plan(v2, PlanRequest.of("a", "b").memoize(true)))).containsExactly("a", "b");
        Plan onlyB = plan(v2, PlanRequest.of("b").memoize(true));
        assertThat(onlyB.isEmpty()).as("a is stale but not run: b's inputs are what it read").isTrue();
        assertThat(onlyB.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).startsWith("memoized:"));
        assertThat(ids(plan(v2, PlanRequest.of("b").onlyStaleAndMissing(true)))).containsExactly("b");
    }

    @Test
    void aMultiAssetIsOneStepAndIsPlannedWholeWhenItCannotSubset() {
        Function<Boolean, AssetGraph> graph = subsettable -> AssetGraph.of(List.of(
                AssetDefinition.builder("x1").partitions(DAYS).computeId("Assets#split").subsettable(subsettable)
                        .build(),
                AssetDefinition.builder("x2").partitions(DAYS).computeId("Assets#split").subsettable(subsettable)
                        .build(),
                AssetDefinition.builder("y").partitions(DAYS).input("x2").build()));

        Plan whole = plan(graph.apply(false), PlanRequest.of("x1", "y").keys("2023-07-01"));

        assertThat(whole.steps()).extracting(PlannedStep::id, PlannedStep::assets, PlannedStep::dependsOn)
                .containsExactly(
                        tuple("Assets#split[2023-07-01]", List.of(AssetKey.of("x1"), AssetKey.of("x2")), List.of()),
                        tuple("y[2023-07-01]", List.of(AssetKey.of("y")), List.of("Assets#split[2023-07-01]")));
        assertThat(whole.notes()).containsExactly("Multi-asset Assets#split cannot compute a subset of its outputs: "
                + "planned all of x1, x2 although only x1 were selected");

        Plan subset = plan(graph.apply(true), PlanRequest.of("x1", "y").keys("2023-07-01"));

        assertThat(subset.steps()).extracting(PlannedStep::id, PlannedStep::assets, PlannedStep::dependsOn)
                .containsExactly(
                        tuple("Assets#split[2023-07-01]", List.of(AssetKey.of("x1")), List.of()),
                        tuple("y[2023-07-01]", List.of(AssetKey.of("y")), List.of()));
        assertThat(subset.notes()).isEmpty();
    }

    @Test
    void anAssetWithOtherPartitionsGetsThemThroughTheMappings() {
        PartitionsDefinition other = PartitionsDefinition.staticKeys(
                IntStream.range(0, 10).mapToObj(i -> "o" + i).toList());
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("daily").partitions(DAYS).build(),
                AssetDefinition.builder("shifted").partitions(other).input("daily", TestMappings.previous()).build(),
                AssetDefinition.builder("total").input("daily").build()));

        Plan plan = plan(graph, PlanRequest.of("daily", "shifted", "total").range("2023-07-03", "2023-07-04"));

        assertThat(ids(plan)).containsExactly("daily[2023-07-03]", "daily[2023-07-04]", "shifted[o3]",
                "shifted[o4]", "total");
        // daily has index 2..3 (July 3rd and 4th): shifted reads the previous index, so o3 reads July 3rd.
        assertThat(deps(plan).get("shifted[o3]")).containsExactly("daily[2023-07-03]");
        assertThat(deps(plan).get("total")).containsExactly("daily[2023-07-03]", "daily[2023-07-04]");
        assertThat(plan.notes()).containsExactly(
                "Partitions of shifted derived through partition mappings from the selected assets: o3..o4",
                "Partitions of total derived through partition mappings from the selected assets: its one partition");
    }

    @Test
    void aSnapshotPlansLikeTheStorage() {
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(DAYS).build(),
                AssetDefinition.builder("b").partitions(DAYS).input("a").build()));
        m.materialize(graph, "a", PartitionSet.range(0, 5));
        PlanRequest request = PlanRequest.of("a", "b").onlyStaleAndMissing(true).build();

        Plan fromSnapshot = Planner.plan(graph, StateSnapshot.load(graph, storage), request);

        assertThat(fromSnapshot).isEqualTo(Planner.plan(graph, storage, request));
        assertThat(fromSnapshot.steps()).hasSize(15);
    }

    @Test
    void badRequestsGetClearErrors() {
        PartitionsDefinition other = PartitionsDefinition.staticKeys("x", "y");
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(DAYS).build(),
                AssetDefinition.builder("lonely").partitions(other).build(),
                AssetDefinition.builder("plain").build()));

        assertThatThrownBy(() -> Planner.plan(graph, storage, new PlanRequest(Set.of(), null, false, false, null)))
                .isInstanceOf(InvalidPlanRequestException.class).hasMessageContaining("selects no assets");
        assertThatThrownBy(() -> plan(graph, PlanRequest.of("a", "nope")))
                .isInstanceOf(UnknownAssetException.class).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> plan(graph, PlanRequest.of("a").keys("2023-07-01", "2023-13-01")))
                .isInstanceOf(InvalidPartitionKeyException.class)
                .hasMessageContaining("'2023-13-01'").hasMessageContaining("asset a")
                .hasMessageContaining("10 static keys [2023-07-01, 2023-07-02");
        assertThatThrownBy(() -> plan(graph, PlanRequest.of("a").range("2023-07-05", "2023-07-02")))
                .isInstanceOf(InvalidPartitionKeyException.class)
                .hasMessageContaining("2023-07-05..2023-07-02").hasMessageContaining("reversed");
        assertThatThrownBy(() -> plan(graph, PlanRequest.of("a", "lonely").keys("zzz")))
                .isInstanceOf(InvalidPlanRequestException.class)
                .hasMessageContaining("No selected asset has the partitions of keys [zzz]")
                .hasMessageContaining("a (10 static keys").hasMessageContaining("lonely (2 static keys [x, y]");
        assertThatThrownBy(() -> plan(graph, PlanRequest.of("a", "lonely").range("2023-07-01", "2023-07-02")))
                .isInstanceOf(InvalidPlanRequestException.class)
                .hasMessageContaining("asset 'lonely'").hasMessageContaining("range 2023-07-01..2023-07-02")
                .hasMessageContaining("2 static keys [x, y]");
        assertThatThrownBy(() -> plan(graph, PlanRequest.of("plain").keys("2023-07-01")))
                .isInstanceOf(InvalidPartitionKeyException.class)
                .hasMessageContaining("asset plain").hasMessageContaining("unpartitioned");
        assertThatThrownBy(() -> StepGranularity.chunks(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one partition, got 0");
        assertThatThrownBy(() -> PartitionSelection.keys())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one key");
    }

    /** Partition {@code p} reads upstream partitions {@code p + from .. p + to}: lets a test read ahead. */
    private record Around(int from, int to) implements dev.peloton.core.PartitionMapping {
        @Override
        public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
                PartitionsDefinition upstreamDef) {
            PartitionSet out = PartitionSet.empty();
            for (int k = from; k <= to; k++) {
                out = out.union(downstream.shift(k, upstreamDef.size()));
            }
            return out;
        }

        @Override
        public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
                PartitionsDefinition downstreamDef) {
            PartitionSet out = PartitionSet.empty();
            for (int k = from; k <= to; k++) {
                out = out.union(upstream.shift(-k, downstreamDef.size()));
            }
            return out;
        }

        @Override
        public String describe() {
            return "around " + from + ".." + to;
        }
    }

    private static AssetGraph multiReadingItself(dev.peloton.core.PartitionMapping mapping) {
        return AssetGraph.of(List.of(
                AssetDefinition.builder("x1").partitions(DAYS).computeId("Assets#pair").build(),
                AssetDefinition.builder("x2").partitions(DAYS).computeId("Assets#pair").input("x1", mapping).build()));
    }

    @Test
    void aMultiAssetReadingItsOwnOutputAheadIsOrderedByItsDependencies() {
        Plan plan = plan(multiReadingItself(new Around(1, 1)),
                PlanRequest.of("x1", "x2").range("2023-07-01", "2023-07-03"));

        assertThat(ids(plan)).containsExactly("Assets#pair[2023-07-03]", "Assets#pair[2023-07-02]",
                "Assets#pair[2023-07-01]");
        assertThat(deps(plan).get("Assets#pair[2023-07-01]")).containsExactly("Assets#pair[2023-07-02]");
    }

    @Test
    void stepsThatWouldWaitForEachOtherAreAClearError() {
        assertThatThrownBy(() -> plan(multiReadingItself(new Around(-1, 1)), PlanRequest.of("x1", "x2")))
                .isInstanceOf(InvalidPlanRequestException.class)
                .hasMessageContaining("depend on each other in a cycle")
                .hasMessageContaining("Assets#pair[2023-07-01]");

        AssetGraph groupCycle = AssetGraph.of(List.of(
                AssetDefinition.builder("a").computeId("Assets#ac").build(),
                AssetDefinition.builder("b").input("a").build(),
                AssetDefinition.builder("c").computeId("Assets#ac").input("b").build()));
        assertThatThrownBy(() -> plan(groupCycle, PlanRequest.of("a", "b", "c")))
                .isInstanceOf(InvalidPlanRequestException.class)
                .hasMessageContaining("read each other's outputs in a cycle").hasMessageContaining("Assets#ac")
                .hasMessageContaining("b");
    }
}
