package dev.peloton.core.engine.execution;

import static dev.peloton.core.engine.execution.ExecutorTestSupport.constant;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.finish;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.indexOf;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.key;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.plan;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.CheckResult;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.Severity;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.event.SkipCause;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetDependency;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.CheckCompute;
import dev.peloton.core.engine.graph.CheckDefinition;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CheckExecutionTest {

    private static final CheckCompute NOT_EMPTY = (inputs, ctx) -> {
        List<?> rows = (List<?>) inputs.get("rows");
        return CheckResult.of(!rows.isEmpty(), "rows: " + rows.size(), Map.of("rows", rows.size()));
    };

    private static CheckDefinition check(String asset, String name, boolean blocking, CheckCompute compute) {
        return new CheckDefinition(key(asset), name, "", blocking,
                List.of(AssetDependency.input(key(asset), "rows", List.class)), compute, null);
    }

    private static List<AssetDefinition> pipeline(List<?> results, AtomicBoolean downstreamRan) {
        return List.of(
                AssetDefinition.builder("results").compute(constant("results", results)).build(),
                AssetDefinition.builder("ranking").input("results").compute((inputs, ctx) -> {
                    downstreamRan.set(true);
                    return java.util.Collections.singletonMap(key("ranking"), "ranked");
                }).build(),
                AssetDefinition.builder("podium").input("ranking").build());
    }

    @Test
    void aFailedBlockingCheckSkipsDownstreamNamingTheCheck() throws Exception {
        AtomicBoolean downstreamRan = new AtomicBoolean();
        AssetGraph graph = AssetGraph.of(pipeline(List.of(), downstreamRan),
                List.of(check("results", "not_empty", true, NOT_EMPTY)));
        CollectingEventSink sink = new CollectingEventSink();
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).storage(storage).build()) {
            RunResult result = finish(executor.start(plan(step("results"), step("ranking", "results"),
                    step("podium", "ranking"))));

            assertThat(result.outcome()).isEqualTo(RunOutcome.FAILURE);
            assertThat(downstreamRan).isFalse();
            assertThat(result.status("results")).isEqualTo(StepStatus.CHECK_FAILED);
            assertThat(result.status("ranking")).isEqualTo(StepStatus.SKIPPED);
            assertThat(result.status("podium")).isEqualTo(StepStatus.SKIPPED);
            assertThat(result.step("podium").reason()).contains("results:not_empty");
            // The asset itself was materialized: the check judges the stored value.
            assertThat(storage.latest(key("results"), "")).isPresent();
            assertThat(sink.events(RunEvent.StepSkipped.class)).allSatisfy(e -> {
                assertThat(e.cause()).isEqualTo(SkipCause.BLOCKING_CHECK_FAILED);
                assertThat(e.causeId()).isEqualTo("results:not_empty");
            });
            RunEvent.CheckEvaluated evaluated = sink.events(RunEvent.CheckEvaluated.class).get(0);
            assertThat(evaluated.passed()).isFalse();
            assertThat(evaluated.blocking()).isTrue();
            assertThat(evaluated.description()).isEqualTo("rows: 0");
            assertThat(evaluated.metadata()).containsEntry("rows", 0);
            assertThat(evaluated.checkId()).isEqualTo("results:not_empty");
            assertThat(sink.typesOfStep("results")).containsExactly(RunEvent.StepStarted.class,
                    RunEvent.Materialization.class, RunEvent.CheckEvaluated.class, RunEvent.StepSucceeded.class);
            assertThat(sink.events(RunEvent.RunFinished.class).get(0).counts().checkFailed()).isEqualTo(1);
        }
    }

    @Test
    void aFailedNonBlockingCheckStopsNothing() throws Exception {
        AtomicBoolean downstreamRan = new AtomicBoolean();
        AssetGraph graph = AssetGraph.of(pipeline(List.of(), downstreamRan),
                List.of(check("results", "not_empty", false, NOT_EMPTY)));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            RunResult result = finish(executor.start(plan(step("results"), step("ranking", "results"),
                    step("podium", "ranking"))));

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(downstreamRan).isTrue();
            assertThat(result.status("results")).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(sink.events(RunEvent.CheckEvaluated.class)).singleElement().satisfies(e -> {
                assertThat(e.passed()).isFalse();
                assertThat(e.blocking()).isFalse();
            });
        }
    }

    @Test
    void aBlockingCheckFailingWithWarnSeverityStopsNothing() throws Exception {
        AtomicBoolean downstreamRan = new AtomicBoolean();
        CheckCompute warn = (inputs, ctx) -> CheckResult.fail(Severity.WARN, "few rows", Map.of());
        AssetGraph graph = AssetGraph.of(pipeline(List.of(1), downstreamRan),
                List.of(check("results", "enough_rows", true, warn)));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).build()) {
            RunResult result = finish(executor.start(plan(step("results"), step("ranking", "results"))));
            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(downstreamRan).isTrue();
        }
    }

    @Test
    void aPassingBlockingCheckLetsDownstreamRunAndSeesTheStoredValue() throws Exception {
        AtomicBoolean downstreamRan = new AtomicBoolean();
        AssetGraph graph = AssetGraph.of(pipeline(List.of("pogacar", "vingegaard"), downstreamRan),
                List.of(check("results", "not_empty", true, NOT_EMPTY)));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            RunResult result = finish(executor.start(plan(step("results"), step("ranking", "results"))));

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(downstreamRan).isTrue();
            RunEvent.CheckEvaluated evaluated = sink.events(RunEvent.CheckEvaluated.class).get(0);
            assertThat(evaluated.passed()).isTrue();
            assertThat(evaluated.description()).isEqualTo("rows: 2");
            List<RunEvent> events = sink.events();
            assertThat(indexOf(events, RunEvent.Materialization.class, "results"))
                    .isLessThan(indexOf(events, RunEvent.CheckEvaluated.class, "results"));
        }
    }

    @Test
    void aCheckThatThrowsIsAFailedCheckNamingTheException() throws Exception {
        AtomicBoolean downstreamRan = new AtomicBoolean();
        CheckCompute broken = (inputs, ctx) -> {
            throw new ArithmeticException("/ by zero");
        };
        AssetGraph graph = AssetGraph.of(pipeline(List.of(1), downstreamRan),
                List.of(check("results", "ratio", true, broken)));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            RunResult result = finish(executor.start(plan(step("results"), step("ranking", "results"))));

            assertThat(result.status("ranking")).isEqualTo(StepStatus.SKIPPED);
            assertThat(downstreamRan).isFalse();
            RunEvent.CheckEvaluated evaluated = sink.events(RunEvent.CheckEvaluated.class).get(0);
            assertThat(evaluated.passed()).isFalse();
            assertThat(evaluated.severity()).isEqualTo(Severity.ERROR);
            assertThat(evaluated.description()).contains("results:ratio").contains("ArithmeticException")
                    .contains("/ by zero");
        }
    }

    @Test
    void checksRunOncePerPartitionAndLoadOtherAssetsThroughTheirMapping() throws Exception {
        PartitionsDefinition stages = PartitionsDefinition.staticKeys("s1", "s2", "s3");
        CheckCompute againstRiders = (inputs, ctx) -> {
            int count = (Integer) inputs.get("count");
            int riders = (Integer) inputs.get("riders");
            return CheckResult.of(count <= riders, ctx.partitionKey() + ": " + count + " of " + riders, Map.of());
        };
        CheckDefinition checkDef = new CheckDefinition(key("finishers"), "at_most_riders", "", true,
                List.of(AssetDependency.input(key("finishers"), "count", Integer.class),
                        AssetDependency.input(key("riders"), "riders", Integer.class)),
                againstRiders, null);
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("riders").compute(constant("riders", 176)).build(),
                AssetDefinition.builder("finishers").partitions(stages).deps("riders")
                        .compute((inputs, ctx) -> java.util.Collections.singletonMap(key("finishers"),
                                ctx.partitionKey().equals("s2") ? 180 : 170))
                        .build()),
                List.of(checkDef));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            RunResult result = finish(executor.start(plan(step("riders"),
                    step("finishers", List.of("finishers"), PartitionSet.all(3), "riders"))));

            assertThat(sink.events(RunEvent.CheckEvaluated.class))
                    .extracting(RunEvent.CheckEvaluated::partitionKey, RunEvent.CheckEvaluated::passed,
                            RunEvent.CheckEvaluated::description)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("s1", true, "s1: 170 of 176"),
                            org.assertj.core.groups.Tuple.tuple("s2", false, "s2: 180 of 176"),
                            org.assertj.core.groups.Tuple.tuple("s3", true, "s3: 170 of 176"));
            assertThat(result.status("finishers")).isEqualTo(StepStatus.CHECK_FAILED);
            assertThat(result.step("finishers").reason()).contains("finishers:at_most_riders").contains("s2");
        }
    }
}
