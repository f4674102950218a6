package dev.peloton.core.engine.execution;

import static dev.peloton.core.engine.execution.ExecutorTestSupport.constant;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.finish;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.key;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.plan;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.OutputContext;
import dev.peloton.core.PartitionKeyRange;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.graph.AssetCompute;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.core.engine.io.InMemoryIOManager;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StepShapesTest {

    private static final PartitionsDefinition STAGES = PartitionsDefinition.staticKeys("s1", "s2", "s3", "s4");

    @Test
    void aMultiAssetStepCallsTheComputeOnceForAllSelectedOutputs() throws Exception {
        List<Set<AssetKey>> selections = new CopyOnWriteArrayList<>();
        AssetCompute split = (inputs, ctx) -> {
            selections.add(ctx.selectedAssets());
            Map<AssetKey, Object> out = new LinkedHashMap<>();
            for (AssetKey k : ctx.selectedAssets()) {
                out.put(k, k.name() + " of " + inputs.get("raw"));
            }
            return out;
        };
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("raw").compute(constant("raw", "stage 1")).build(),
                AssetDefinition.builder("riders").input("raw").computeId("split").subsettable(true).compute(split)
                        .build(),
                AssetDefinition.builder("teams").input("raw").computeId("split").subsettable(true).compute(split)
                        .build(),
                AssetDefinition.builder("team_count").input("teams")
                        .compute((inputs, ctx) -> Collections.singletonMap(key("team_count"),
                                ((String) inputs.get("teams")).length()))
                        .build()));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            RunResult result = finish(executor.start(plan(step("raw"),
                    step("split", List.of("riders", "teams"), PartitionSet.of(0), "raw"),
                    step("team_count", "split"))));

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(selections).containsExactly(Set.of(key("riders"), key("teams")));
            assertThat(result.value(key("riders"))).isEqualTo("riders of stage 1");
            assertThat(result.value(key("teams"))).isEqualTo("teams of stage 1");
            assertThat(result.value(key("team_count"))).isEqualTo("teams of stage 1".length());
            assertThat(sink.eventsOfStep("split")).filteredOn(RunEvent.Materialization.class::isInstance)
                    .extracting(e -> ((RunEvent.Materialization) e).asset())
                    .containsExactlyInAnyOrder(key("riders"), key("teams"));
        }
    }

    @Test
    void aSubsetStepSelectsOnlyItsOutputs() throws Exception {
        List<Set<AssetKey>> selections = new CopyOnWriteArrayList<>();
        AssetCompute split = (inputs, ctx) -> {
            selections.add(ctx.selectedAssets());
            Map<AssetKey, Object> out = new LinkedHashMap<>();
            ctx.selectedAssets().forEach(k -> out.put(k, k.name()));
            return out;
        };
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("riders").computeId("split").subsettable(true).compute(split).build(),
                AssetDefinition.builder("teams").computeId("split").subsettable(true).compute(split).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).build()) {
            RunResult result = finish(executor.start(plan(step("split[teams]", List.of("teams"), PartitionSet.of(0)))));
            assertThat(selections).containsExactly(Set.of(key("teams")));
            assertThat(result.values()).containsOnlyKeys(key("teams"));
        }
    }

    @Test
    void aMultiAssetComputeThatLeavesOutASelectedOutputFailsNamingIt() throws Exception {
        AssetCompute onlyRiders = (inputs, ctx) -> Collections.singletonMap(key("riders"), "r");
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("riders").computeId("split").compute(onlyRiders).build(),
                AssetDefinition.builder("teams").computeId("split").compute(onlyRiders).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).build()) {
            RunResult result = finish(executor.start(plan(step("split", List.of("riders", "teams"),
                    PartitionSet.of(0)))));
            assertThat(result.status("split")).isEqualTo(StepStatus.FAILED);
            assertThat(result.step("split").error()).isInstanceOf(StepExecutionException.class)
                    .hasMessageContaining("no value for asset 'teams'").hasMessageContaining("step 'split'");
        }
    }

    @Test
    void aRangeStepCallsTheComputeOnceWithAllItsKeys() throws Exception {
        List<List<String>> calls = new CopyOnWriteArrayList<>();
        List<PartitionKeyRange> ranges = new CopyOnWriteArrayList<>();
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("times").partitions(STAGES).handlesRanges(true).compute((inputs, ctx) -> {
                    calls.add(ctx.partitionKeys());
                    ranges.add(ctx.partitionKeyRange());
                    Map<String, Object> byKey = new LinkedHashMap<>();
                    ctx.partitionKeys().forEach(k -> byKey.put(k, k.toUpperCase()));
                    return Collections.singletonMap(key("times"), byKey);
                }).build(),
                AssetDefinition.builder("gaps").partitions(STAGES).input("times").compute((inputs, ctx) ->
                        Collections.singletonMap(key("gaps"), inputs.get("times") + "!")).build()));
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).storage(storage).build()) {
            RunResult result = finish(executor.start(plan(
                    step("times[s2..s4]", List.of("times"), PartitionSet.range(1, 4)),
                    step("gaps[s2..s4]", List.of("gaps"), PartitionSet.range(1, 4), "times[s2..s4]"))));

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(calls).containsExactly(List.of("s2", "s3", "s4"));
            assertThat(ranges).containsExactly(new PartitionKeyRange("s2", "s4"));
            assertThat(result.value(key("gaps"), "s3")).isEqualTo("S3!");
            assertThat(result.values().get(key("gaps"))).containsOnlyKeys("s2", "s3", "s4");
            for (String k : List.of("s2", "s3", "s4")) {
                assertThat(storage.latest(key("times"), k)).as(k).isPresent();
            }
            assertThat(storage.latest(key("times"), "s1")).isEmpty();
        }
    }

    @Test
    void aStepOverSeveralPartitionsWithoutRangesCallsTheComputeOncePerPartitionInOrder() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("stage").partitions(STAGES)
                .compute((inputs, ctx) -> {
                    calls.add(ctx.partitionKey());
                    return Collections.singletonMap(key("stage"), ctx.partitionKeys().size());
                }).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).build()) {
            RunResult result = finish(executor.start(plan(step("stage", List.of("stage"), PartitionSet.all(4)))));
            assertThat(calls).containsExactly("s1", "s2", "s3", "s4");
            assertThat(result.value(key("stage"), "s4")).isEqualTo(1);
        }
    }

    @Test
    void aDownstreamStepReadsSeveralUpstreamPartitionsAsAMap() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("stage").partitions(STAGES)
                        .compute((inputs, ctx) -> Collections.singletonMap(key("stage"),
                                Integer.parseInt(ctx.partitionKey().substring(1))))
                        .build(),
                AssetDefinition.builder("total").input("stage", PartitionMappings.all())
                        .compute((inputs, ctx) -> {
                            @SuppressWarnings("unchecked")
                            Map<String, Integer> byStage = (Map<String, Integer>) inputs.get("stage");
                            return Collections.singletonMap(key("total"), new ArrayList<>(byStage.keySet()) + "="
                                    + byStage.values().stream().mapToInt(Integer::intValue).sum());
                        }).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).build()) {
            RunResult result = finish(executor.start(plan(step("stage", List.of("stage"), PartitionSet.all(4)),
                    step("total", "stage"))));
            assertThat(result.value(key("total"))).isEqualTo("[s1, s2, s3, s4]=10");
        }
    }

    @Test
    void aResumedRunSkipsTheCompletedStepsAndReadsTheirStoredValues() throws Exception {
        AtomicInteger rawCalls = new AtomicInteger();
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("raw").compute((inputs, ctx) -> {
                    rawCalls.incrementAndGet();
                    return Collections.singletonMap(key("raw"), 41);
                }).build(),
                AssetDefinition.builder("clean").input("raw").compute((inputs, ctx) ->
                        Collections.singletonMap(key("clean"), (Integer) inputs.get("raw") + 1)).build()));
        InMemoryIOManager memory = new InMemoryIOManager();
        // What the first attempt of the run left behind: raw stored, then the worker died.
        memory.store(new OutputContext(key("raw"), PartitionsDefinition.none(), List.of(""), "run-1"), 41);
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink)
                .ioManagers(IOManagerRegistry.of(Map.of("default", memory))).build()) {
            RunResult result = finish(executor.start(plan(step("raw"), step("clean", "raw")),
                    RunOptions.withRunId("run-1").completedSteps(Set.of("raw"))));

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(rawCalls.get()).isZero();
            assertThat(result.status("raw")).isEqualTo(StepStatus.COMPLETED_EARLIER);
            assertThat(result.step("raw").attempts()).isZero();
            assertThat(result.value(key("clean"))).isEqualTo(42);
            assertThat(sink.eventsOfStep("raw")).isEmpty();
            assertThat(sink.events(RunEvent.RunStarted.class)).singleElement().satisfies(e -> {
                assertThat(e.stepCount()).isEqualTo(2);
                assertThat(e.completedEarlier()).isEqualTo(1);
            });
            assertThat(sink.events(RunEvent.RunFinished.class).get(0).counts().completedEarlier()).isEqualTo(1);
        }
    }

    @Test
    void contextRejectsPartitionKeyWhereThereIsNoSingleOne() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AssetCompute probe = (inputs, ctx) -> {
            try {
                ctx.partitionKey();
            } catch (IllegalStateException e) {
                errors.add(e);
            }
            return Collections.singletonMap(ctx.assetKey(), 1);
        };
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("plain").compute(probe).build(),
                AssetDefinition.builder("ranged").partitions(STAGES).handlesRanges(true).compute((inputs, ctx) -> {
                    probe.compute(inputs, ctx);
                    return Collections.singletonMap(key("ranged"), Map.of());
                }).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).build()) {
            finish(executor.start(plan(step("plain"), step("ranged", List.of("ranged"), PartitionSet.all(4)))));
        }
        assertThat(errors).hasSize(2);
        assertThat(errors).anySatisfy(e -> assertThat(e).hasMessageContaining("'plain' is not partitioned"));
        assertThat(errors).anySatisfy(e -> assertThat(e).hasMessageContaining("4 partitions")
                .hasMessageContaining("s1..s4").hasMessageContaining("partitionKeys()"));
    }

    @Test
    void partitionKeyRangeOfAnUnpartitionedAssetIsAClearError() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("plain")
                .compute((inputs, ctx) -> Collections.singletonMap(key("plain"), ctx.partitionKeyRange())).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).build()) {
            RunResult result = executor.run(plan(step("plain")));
            assertThat(result.step("plain").error()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("partitionKeyRange()").hasMessageContaining("'plain'");
        }
    }
}
