package dev.peloton.core.engine.execution;

import static dev.peloton.core.engine.execution.ExecutorTestSupport.assertRunEnvelope;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.constant;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.finish;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.key;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.plan;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.CheckResult;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.CheckDefinition;
import dev.peloton.core.engine.state.DataVersions;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import dev.peloton.core.engine.state.MaterializationRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class EventsAndDataVersionsTest {

    @Test
    void eachStepReportsItsLifecycleInOrder() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("stage_results").compute((inputs, ctx) -> {
                    ctx.log().info("loading {} rows", 3);
                    ctx.rowCount(3);
                    ctx.addMetadata("source", "timing feed");
                    return Collections.singletonMap(key("stage_results"), List.of(1, 2, 3));
                }).build(),
                AssetDefinition.builder("gc").input("stage_results").build()),
                List.of(new CheckDefinition(key("stage_results"), "has_rows", "", false, List.of(),
                        (inputs, ctx) -> CheckResult.pass(), null)));
        CollectingEventSink sink = new CollectingEventSink();
        Instant now = Instant.parse("2023-07-04T12:00:00Z");
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink)
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build()) {
            RunResult result = finish(executor.start(plan(step("stage_results"), step("gc", "stage_results")),
                    RunOptions.withRunId("run-42")));

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            List<RunEvent> events = sink.events();
            assertRunEnvelope(events, "run-42");
            assertThat(events).allSatisfy(e -> assertThat(e.timestamp()).isEqualTo(now));
            assertThat(sink.typesOfStep("stage_results")).containsExactly(RunEvent.StepStarted.class,
                    RunEvent.LogLine.class, RunEvent.Materialization.class, RunEvent.CheckEvaluated.class,
                    RunEvent.StepSucceeded.class);
            assertThat(sink.typesOfStep("gc")).containsExactly(RunEvent.StepStarted.class,
                    RunEvent.Materialization.class, RunEvent.StepSucceeded.class);
            RunEvent.LogLine line = sink.events(RunEvent.LogLine.class).get(0);
            assertThat(line.level()).isEqualTo(Level.INFO);
            assertThat(line.message()).isEqualTo("loading 3 rows");
            assertThat(line.stepId()).isEqualTo("stage_results");
            RunEvent.Materialization m = sink.events(RunEvent.Materialization.class).get(0);
            assertThat(m.metadata()).containsExactly(Map.entry("row_count", 3L), Map.entry("source", "timing feed"));
            assertThat(m.duration().isNegative()).isFalse();
            RunEvent.RunFinished finished = sink.events(RunEvent.RunFinished.class).get(0);
            assertThat(finished.counts().succeeded()).isEqualTo(2);
            assertThat(finished.stepId()).isNull();
        }
    }

    @Test
    void logLinesBelowTheEventLevelAreNotEvents() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("a").compute((inputs, ctx) -> {
            ctx.log().debug("noise");
            ctx.log().warn("careful", new IllegalStateException("odd value"));
            return Collections.singletonMap(key("a"), 1);
        }).build()));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink)
                .logEventLevel(Level.INFO).build()) {
            finish(executor.start(plan(step("a"))));
        }
        assertThat(sink.events(RunEvent.LogLine.class)).singleElement().satisfies(l -> {
            assertThat(l.level()).isEqualTo(Level.WARN);
            assertThat(l.message()).startsWith("careful\n").contains("IllegalStateException: odd value");
        });
    }

    @Test
    void derivedDataVersionsChainThroughInputDataVersions() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("raw").codeVersion("r1").compute(constant("raw", 1)).build(),
                AssetDefinition.builder("clean").codeVersion("c1").input("raw").build()));
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).storage(storage).build()) {
            RunResult result = finish(executor.start(plan(step("raw"), step("clean", "raw"))));

            MaterializationRecord raw = storage.latest(key("raw"), "").orElseThrow();
            MaterializationRecord clean = storage.latest(key("clean"), "").orElseThrow();
            assertThat(raw.dataVersion()).isEqualTo(DataVersions.derive("r1", Map.of()));
            assertThat(raw.codeVersion()).isEqualTo("r1");
            assertThat(raw.inputDataVersions()).isEmpty();
            assertThat(raw.runId()).isEqualTo(result.runId());
            assertThat(clean.inputDataVersions()).isEqualTo(Map.of(key("raw"), raw.dataVersion()));
            assertThat(clean.dataVersion()).isEqualTo(DataVersions.derive("c1", Map.of(key("raw"), raw.dataVersion())));
        }
    }

    @Test
    void aUserGivenDataVersionWinsAndFlowsDownstream() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("feed").compute((inputs, ctx) -> {
                    ctx.dataVersion("etag-7f3a");
                    return Collections.singletonMap(key("feed"), "payload");
                }).build(),
                AssetDefinition.builder("parsed").input("feed").build()));
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).storage(storage).eventSink(sink).build()) {
            finish(executor.start(plan(step("feed"), step("parsed", "feed"))));
        }
        assertThat(storage.latest(key("feed"), "").orElseThrow().dataVersion()).isEqualTo("etag-7f3a");
        assertThat(storage.latest(key("parsed"), "").orElseThrow().inputDataVersions())
                .containsEntry(key("feed"), "etag-7f3a");
        assertThat(sink.events(RunEvent.Materialization.class)).first()
                .satisfies(m -> assertThat(m.dataVersion()).isEqualTo("etag-7f3a"));
    }

    @Test
    void readingSeveralPartitionsCombinesTheirVersionsAndCountsMissingOnes() throws Exception {
        PartitionsDefinition stages = PartitionsDefinition.staticKeys("s1", "s2", "s3");
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("stage").partitions(stages).compute((inputs, ctx) -> {
                    ctx.dataVersion("v-" + ctx.partitionKey());
                    return Collections.singletonMap(key("stage"), ctx.partitionKey());
                }).build(),
                AssetDefinition.builder("overall").deps("stage").build(),
                AssetDefinition.builder("per_stage").partitions(stages).deps("stage").build()));
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).storage(storage).build()) {
            // s2 is never materialized: it counts as MISSING.
            finish(executor.start(plan(step("stage", List.of("stage"), PartitionSet.of(0, 2)),
                    step("overall", "stage"),
                    step("per_stage", List.of("per_stage"), PartitionSet.of(0, 1), "stage"))));
        }
        long sum = DataVersions.partitionHash(0, "v-s1") + DataVersions.partitionHash(1, DataVersions.MISSING)
                + DataVersions.partitionHash(2, "v-s3");
        assertThat(storage.latest(key("overall"), "").orElseThrow().inputDataVersions())
                .isEqualTo(Map.of(key("stage"), DataVersions.combinedFromSum(sum, 3)));
        assertThat(storage.latest(key("per_stage"), "s1").orElseThrow().inputDataVersions())
                .isEqualTo(Map.of(key("stage"), "v-s1"));
        assertThat(storage.latest(key("per_stage"), "s2").orElseThrow().inputDataVersions())
                .isEqualTo(Map.of(key("stage"), DataVersions.MISSING));
    }

    @Test
    void oneMaterializationIsRecordedPerAssetPartition() throws Exception {
        PartitionsDefinition stages = PartitionsDefinition.staticKeys("s1", "s2", "s3");
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("times").partitions(stages)
                .codeVersion("t2").handlesRanges(true)
                .compute((inputs, ctx) -> Collections.singletonMap(key("times"), "all")).build()));
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).storage(storage).eventSink(sink).build()) {
            finish(executor.start(plan(step("times", List.of("times"), PartitionSet.all(3)))));
        }
        List<String> recorded = new java.util.ArrayList<>();
        storage.forEachLatest(key("times"), r -> recorded.add(r.partitionKey() + "@" + r.codeVersion()));
        assertThat(recorded).containsExactlyInAnyOrder("s1@t2", "s2@t2", "s3@t2");
        assertThat(sink.events(RunEvent.Materialization.class)).extracting(RunEvent.Materialization::partitionKey)
                .containsExactly("s1", "s2", "s3");
    }

    @Test
    void inputVersionsOfAnIdentityEdgeFollowEachPartition() throws Exception {
        PartitionsDefinition stages = PartitionsDefinition.staticKeys("s1", "s2");
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("up").partitions(stages).compute((inputs, ctx) -> {
                    ctx.dataVersion("u" + ctx.partitionKey());
                    return Collections.singletonMap(key("up"), 0);
                }).build(),
                AssetDefinition.builder("down").partitions(stages).input("up", PartitionMappings.identity())
                        .build()));
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).storage(storage).build()) {
            finish(executor.start(plan(step("up", List.of("up"), PartitionSet.all(2)),
                    step("down", List.of("down"), PartitionSet.all(2), "up"))));
        }
        for (String k : List.of("s1", "s2")) {
            Map<AssetKey, String> inputs = storage.latest(key("down"), k).orElseThrow().inputDataVersions();
            assertThat(inputs).as(k).isEqualTo(Map.of(key("up"), "u" + k));
        }
    }
}
