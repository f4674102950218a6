package dev.peloton.core.engine.execution;

import static dev.peloton.core.engine.execution.ExecutorTestSupport.finish;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.key;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.plan;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.CheckResult;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.CheckDefinition;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssetContextTest {

    @Test
    void theContextDescribesTheStep() throws Exception {
        Map<String, Object> seen = new java.util.concurrent.ConcurrentHashMap<>();
        PartitionsDefinition stages = PartitionsDefinition.staticKeys("s1", "s2");
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("tdf/stage").partitions(stages)
                .compute((inputs, ctx) -> {
                    seen.put("asset", ctx.assetKey());
                    seen.put("partitioned", ctx.isPartitioned());
                    seen.put("key", ctx.partitionKey());
                    seen.put("keys", ctx.partitionKeys());
                    seen.put("run", ctx.runId());
                    seen.put("attempt", ctx.attempt());
                    seen.put("cancel", ctx.isCancelRequested());
                    seen.put("dir", ctx.resource("lake", Path.class));
                    return Collections.singletonMap(ctx.assetKey(), 1);
                }).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph)
                .resource("lake", Path.of("/data/lake")).build()) {
            finish(executor.start(plan(step("tdf/stage[s2]", List.of("tdf/stage"), PartitionSet.of(1))),
                    RunOptions.withRunId("run-9")));
        }
        assertThat(seen).containsEntry("asset", key("tdf/stage")).containsEntry("partitioned", true)
                .containsEntry("key", "s2").containsEntry("keys", List.of("s2")).containsEntry("run", "run-9")
                .containsEntry("attempt", 1).containsEntry("cancel", false)
                .containsEntry("dir", Path.of("/data/lake"));
    }

    @Test
    void aMissingOrMistypedResourceIsAClearStepFailure() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("missing").compute((inputs, ctx) ->
                        Collections.singletonMap(ctx.assetKey(), ctx.resource("warehouse", Object.class))).build(),
                AssetDefinition.builder("mistyped").compute((inputs, ctx) ->
                        Collections.singletonMap(ctx.assetKey(), ctx.resource("lake", Integer.class))).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).resource("lake", "/tmp").build()) {
            RunResult result = finish(executor.start(plan(step("missing"), step("mistyped"))));
            assertThat(result.step("missing").error()).hasMessageContaining("No resource named 'warehouse'")
                    .hasMessageContaining("'missing'").hasMessageContaining("[lake]");
            assertThat(result.step("mistyped").error()).hasMessageContaining("Resource 'lake' is a java.lang.String")
                    .hasMessageContaining("java.lang.Integer");
        }
    }

    @Test
    void badMetadataAndDataVersionsFailTheStepNamingTheAsset() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("nullmeta").compute((inputs, ctx) -> {
                    ctx.addMetadata("rows", null);
                    return Collections.singletonMap(ctx.assetKey(), 1);
                }).build(),
                AssetDefinition.builder("blankversion").compute((inputs, ctx) -> {
                    ctx.dataVersion(" ");
                    return Collections.singletonMap(ctx.assetKey(), 1);
                }).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).build()) {
            RunResult result = finish(executor.start(plan(step("nullmeta"), step("blankversion"))));
            assertThat(result.step("nullmeta").error()).hasMessageContaining("'rows'").hasMessageContaining("'nullmeta'");
            assertThat(result.step("blankversion").error()).hasMessageContaining("'blankversion'")
                    .hasMessageContaining("blank");
        }
    }

    @Test
    void aCheckCannotAttachMaterializationMetadata() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("a").build()),
                List.of(new CheckDefinition(key("a"), "meta", "", false, List.of(), (inputs, ctx) -> {
                    ctx.addMetadata("x", 1);
                    return CheckResult.pass();
                }, null)));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            finish(executor.start(plan(step("a"))));
        }
        assertThat(sink.events(RunEvent.CheckEvaluated.class)).singleElement().satisfies(e -> {
            assertThat(e.passed()).isFalse();
            assertThat(e.description()).contains("CheckResult's metadata");
        });
    }
}
