package dev.peloton.core.engine.execution;

import static dev.peloton.core.engine.execution.ExecutorTestSupport.constant;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.finish;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.key;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.plan;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.event.SkipCause;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GateAndValidationTest {

    private static final AssetGraph GRAPH = AssetGraph.of(List.of(
            AssetDefinition.builder("a").compute(constant("a", 1)).build(),
            AssetDefinition.builder("b").input("a").build(),
            AssetDefinition.builder("daily").partitions(PartitionsDefinition.staticKeys("d1", "d2")).build(),
            AssetDefinition.builder("parquet_table").ioManager("parquet").build(),
            AssetDefinition.builder("x").computeId("m1").build(),
            AssetDefinition.builder("y").computeId("m2").build()));

    @Test
    void theGateIsAskedBeforeEachCommitWithRunAndStep() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (InProcessExecutor executor = InProcessExecutor.builder(GRAPH).build()) {
            RunResult result = finish(executor.start(plan(step("a"), step("b", "a")),
                    RunOptions.withRunId("r1").gate((runId, stepId) -> asked.add(runId + ":" + stepId))));
            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(asked).containsExactly("r1:a", "r1:b");
        }
    }

    @Test
    void aRefusedCommitFailsTheStepWithoutRecordingAndStopsTheRun() throws Exception {
        CollectingEventSink sink = new CollectingEventSink();
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        try (InProcessExecutor executor = InProcessExecutor.builder(GRAPH).eventSink(sink).storage(storage)
                .maxConcurrentSteps(1).build()) {
            RunResult result = finish(executor.start(plan(step("a"), step("b", "a")),
                    RunOptions.withRunId("r2").gate((runId, stepId) -> false)));

            assertThat(result.outcome()).isEqualTo(RunOutcome.FAILURE);
            assertThat(result.status("a")).isEqualTo(StepStatus.FAILED);
            assertThat(result.step("a").error()).isInstanceOf(StepCommitRefusedException.class)
                    .hasMessageContaining("'a'").hasMessageContaining("r2");
            assertThat(result.status("b")).isEqualTo(StepStatus.NOT_RUN);
            assertThat(storage.latest(key("a"), "")).isEmpty();
            assertThat(sink.events(RunEvent.Materialization.class)).isEmpty();
            assertThat(sink.events(RunEvent.StepSkipped.class)).singleElement()
                    .satisfies(e -> assertThat(e.cause()).isEqualTo(SkipCause.RUN_ABORTED));
        }
    }

    @Test
    void aGateThatThrowsRefusesWithTheCause() throws Exception {
        try (InProcessExecutor executor = InProcessExecutor.builder(GRAPH).build()) {
            RunResult result = finish(executor.start(plan(step("a")), RunOptions.defaults().gate((r, s) -> {
                throw new IllegalStateException("fencing token 12 superseded by 13");
            })));
            assertThat(result.step("a").error()).isInstanceOf(StepCommitRefusedException.class)
                    .hasMessageContaining("fencing token 12 superseded by 13")
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aPlanThatDoesNotFitTheGraphIsRejectedBeforeAnythingRunsWithEveryProblem() {
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(GRAPH).eventSink(sink).build()) {
            assertThatThrownBy(() -> executor.start(plan(
                    step("ghost"),
                    step("b", "a"),
                    step("a"),
                    step("daily", List.of("daily"), PartitionSet.of(5)),
                    step("parquet_table"),
                    step("xy", List.of("x", "y"), PartitionSet.of(0)),
                    step("a2", List.of("a"), PartitionSet.of(0), "nowhere"))))
                    .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems()).containsExactly(
                            "Step 'ghost' produces asset 'ghost', which is not in the asset graph",
                            "Step 'b' depends on step 'a', which comes after it in the plan (steps must be in"
                                    + " dependency order)",
                            "Step 'daily' names partition index 5 of asset 'daily', which has 2 partitions (2 static"
                                    + " keys [d1, d2])",
                            "Step 'xy' mixes assets of different computes: 'x' (m1) and 'y' (m2)",
                            "Step 'a2' depends on step 'nowhere', which is not in the plan",
                            "Asset 'parquet_table' (parquet_table) uses IO manager 'parquet', which is not registered"
                                    + " (registered: [default])"));
            assertThat(sink.events()).isEmpty();
        }
    }

    @Test
    void duplicateStepIdsAndUnknownCompletedStepsAreRejected() {
        try (InProcessExecutor executor = InProcessExecutor.builder(GRAPH).build()) {
            assertThatThrownBy(() -> executor.start(plan(step("a"), step("a")),
                    RunOptions.defaults().completedSteps(Set.of("zzz"))))
                    .isInstanceOf(InvalidPlanException.class)
                    .hasMessageContaining("Step id 'a' is used by two steps")
                    .hasMessageContaining("Step 'zzz' is given as completed but is not in the plan");
        }
    }

    @Test
    void aPartitionedStepWithoutPartitionsIsRejected() {
        try (InProcessExecutor executor = InProcessExecutor.builder(GRAPH).build()) {
            assertThatThrownBy(() -> executor.start(plan(step("daily", List.of("daily"), PartitionSet.empty()))))
                    .isInstanceOf(InvalidPlanException.class)
                    .hasMessageContaining("Step 'daily' names no partition of asset 'daily'");
        }
    }

    @Test
    void badExecutorOptionsAreRejected() {
        assertThatThrownBy(() -> InProcessExecutor.builder(GRAPH).maxConcurrentSteps(0))
                .hasMessageContaining("maxConcurrentSteps must be at least 1, was 0");
        assertThatThrownBy(() -> InProcessExecutor.builder(GRAPH).cancelGracePeriod(java.time.Duration.ofSeconds(-1)))
                .hasMessageContaining("cancelGracePeriod");
        assertThatThrownBy(() -> InProcessExecutor.builder(GRAPH).resource(" ", "x"))
                .hasMessageContaining("resource needs a name");
        assertThatThrownBy(() -> RunOptions.withRunId(""))
                .hasMessageContaining("run needs an id");
    }
}
