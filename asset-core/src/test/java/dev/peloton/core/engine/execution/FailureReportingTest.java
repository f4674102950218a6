package dev.peloton.core.engine.execution;

import static dev.peloton.core.engine.execution.ExecutorTestSupport.constant;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.finish;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.plan;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.IOManager;
import dev.peloton.core.InputContext;
import dev.peloton.core.OutputContext;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.io.IOManagerRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailureReportingTest {

    @Test
    void anInputThatWasNeverMaterializedFailsTheStepNamingAssetAndPartition() throws Exception {
        PartitionsDefinition stages = PartitionsDefinition.staticKeys("s1", "s2");
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("stage").partitions(stages).build(),
                AssetDefinition.builder("gc").partitions(stages).input("stage").build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).build()) {
            RunResult result = finish(executor.start(plan(step("gc[s2]", List.of("gc"), PartitionSet.of(1)))));

            assertThat(result.outcome()).isEqualTo(RunOutcome.FAILURE);
            assertThat(result.step("gc[s2]").error()).isInstanceOf(StepExecutionException.class)
                    .hasMessageContaining("Step 'gc[s2]'").hasMessageContaining("parameter 'stage'")
                    .hasMessageContaining("asset 'stage' partition 's2'").hasMessageContaining("IO manager 'default'");
        }
    }

    @Test
    void aFailingStoreFailsTheStepNamingTheIOManager() throws Exception {
        IOManager full = new IOManager() {
            @Override
            public void store(OutputContext context, Object value) throws Exception {
                throw new java.io.IOException("disk full");
            }

            @Override
            public Object load(InputContext context) {
                return null;
            }
        };
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("big").ioManager("lake")
                .compute(constant("big", 1)).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph)
                .ioManagers(IOManagerRegistry.of(Map.of("lake", full))).build()) {
            RunResult result = finish(executor.start(plan(step("big"))));
            assertThat(result.step("big").error()).hasMessageContaining("could not store asset 'big'")
                    .hasMessageContaining("IO manager 'lake'").hasMessageContaining("disk full")
                    .hasCauseInstanceOf(java.io.IOException.class);
            assertThat(result.values()).isEmpty();
        }
    }

    @Test
    void aComputeReturningNullFailsTheStep() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("a").compute((inputs, ctx) -> null).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).build()) {
            RunResult result = finish(executor.start(plan(step("a"))));
            assertThat(result.step("a").error()).hasMessageContaining("step 'a'").hasMessageContaining("returned null");
        }
    }

    @Test
    void aSinkThatThrowsLosesItsEventsButNotTheRun() throws Exception {
        AtomicInteger delivered = new AtomicInteger();
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("a").compute(constant("a", 1)).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(e -> {
            delivered.incrementAndGet();
            throw new IllegalStateException("database down");
        }).build()) {
            RunResult result = finish(executor.start(plan(step("a"))));
            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(delivered.get()).isEqualTo(5);
        }
    }

    @Test
    void aVoidAssetStoresNothingButIsMaterialized() throws Exception {
        AtomicInteger stores = new AtomicInteger();
        IOManager counting = new IOManager() {
            @Override
            public void store(OutputContext context, Object value) {
                stores.incrementAndGet();
            }

            @Override
            public Object load(InputContext context) {
                return null;
            }
        };
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("side_effect").valueType(void.class)
                .ioManager("counting").compute((inputs, ctx) -> Map.of()).build()));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink)
                .ioManagers(IOManagerRegistry.of(Map.of("counting", counting))).build()) {
            RunResult result = finish(executor.start(plan(step("side_effect"))));
            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(stores.get()).isZero();
            assertThat(sink.events(RunEvent.Materialization.class)).hasSize(1);
        }
    }
}
