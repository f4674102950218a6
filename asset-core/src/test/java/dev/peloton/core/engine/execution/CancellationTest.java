package dev.peloton.core.engine.execution;

import static dev.peloton.core.engine.execution.ExecutorTestSupport.await;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.constant;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.finish;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.key;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.plan;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peloton.core.RetryPolicy;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.event.SkipCause;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.core.engine.io.InMemoryIOManager;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CancellationTest {

    @Test
    void aBlockedStepIsInterruptedAfterTheGracePeriodAndTheRunEndsCanceled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean downstreamRan = new AtomicBoolean();
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("long").compute((inputs, ctx) -> {
                    started.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                    }
                    return Collections.singletonMap(key("long"), "never");
                }).build(),
                AssetDefinition.builder("after").input("long").compute((inputs, ctx) -> {
                    downstreamRan.set(true);
                    return Collections.singletonMap(key("after"), 1);
                }).build()));
        CollectingEventSink sink = new CollectingEventSink();
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        InMemoryIOManager memory = new InMemoryIOManager();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).storage(storage)
                .ioManagers(IOManagerRegistry.of(Map.of("default", memory)))
                .cancelGracePeriod(Duration.ofMillis(20)).build()) {
            RunHandle handle = executor.start(plan(step("long"), step("after", "long")));
            await(started);
            handle.cancel();
            RunResult result = finish(handle);

            assertThat(handle.isCancelRequested()).isTrue();
            assertThat(result.outcome()).isEqualTo(RunOutcome.CANCELED);
            assertThat(interrupted).isTrue();
            assertThat(downstreamRan).isFalse();
            assertThat(result.status("long")).isEqualTo(StepStatus.CANCELED);
            assertThat(result.status("after")).isEqualTo(StepStatus.NOT_RUN);
            assertThat(result.stepsWithStatus(StepStatus.NOT_RUN)).containsExactly("after");
            assertThat(storage.latest(key("long"), "")).isEmpty();
            assertThat(storage.latestFailure(key("long"), "")).isEmpty();
            assertThat(memory.contains(key("long"), "")).isFalse();
            assertThat(sink.typesOfStep("long")).containsExactly(RunEvent.StepStarted.class,
                    RunEvent.StepCanceled.class);
            assertThat(sink.events(RunEvent.StepSkipped.class)).singleElement().satisfies(e -> {
                assertThat(e.stepId()).isEqualTo("after");
                assertThat(e.cause()).isEqualTo(SkipCause.RUN_CANCELED);
            });
            RunEvent.RunFinished finished = sink.events(RunEvent.RunFinished.class).get(0);
            assertThat(finished.outcome()).isEqualTo(RunOutcome.CANCELED);
            assertThat(finished.counts().canceled()).isEqualTo(1);
            assertThat(finished.counts().notRun()).isEqualTo(1);
        }
    }

    @Test
    void aCooperativeStepSeesTheCancelFlagAndItsPartialValueIsNotStored() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawFlag = new AtomicBoolean();
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("loop").compute((inputs, ctx) -> {
            started.countDown();
            while (!ctx.isCancelRequested()) {
                Thread.onSpinWait();
            }
            sawFlag.set(true);
            return Collections.singletonMap(key("loop"), "partial");
        }).build()));
        InMemoryIOManager memory = new InMemoryIOManager();
        // A grace period of an hour: the step must stop by itself, it is never interrupted.
        try (InProcessExecutor executor = InProcessExecutor.builder(graph)
                .ioManagers(IOManagerRegistry.of(Map.of("default", memory)))
                .cancelGracePeriod(Duration.ofHours(1)).build()) {
            RunHandle handle = executor.start(plan(step("loop")));
            await(started);
            handle.cancel();
            RunResult result = finish(handle);

            assertThat(sawFlag).isTrue();
            assertThat(result.outcome()).isEqualTo(RunOutcome.CANCELED);
            assertThat(result.status("loop")).isEqualTo(StepStatus.CANCELED);
            assertThat(memory.contains(key("loop"), "")).isFalse();
            assertThat(result.values()).isEmpty();
        }
    }

    @Test
    void stepsWaitingForAPoolPermitAreNotRunOnCancel() throws Exception {
        // Which of the two gets the only permit first is up to the scheduler: the other one must wait.
        CountDownLatch oneStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        List<String> entered = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.peloton.core.engine.graph.AssetCompute blocking = (inputs, ctx) -> {
            entered.add(ctx.assetKey().name());
            oneStarted.countDown();
            never.await();
            return Collections.singletonMap(ctx.assetKey(), 1);
        };
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("first").pool("api").compute(blocking).build(),
                AssetDefinition.builder("second").pool("api").compute(blocking).build()));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink)
                .poolLimits(Map.of("api", 1)).cancelGracePeriod(Duration.ZERO).build()) {
            RunHandle handle = executor.start(plan(step("first"), step("second")));
            await(oneStarted);
            handle.cancel();
            RunResult result = finish(handle);

            assertThat(entered).hasSize(1);
            String holder = entered.get(0);
            String waiter = holder.equals("first") ? "second" : "first";
            assertThat(result.status(holder)).isEqualTo(StepStatus.CANCELED);
            assertThat(result.status(waiter)).isEqualTo(StepStatus.NOT_RUN);
            assertThat(sink.typesOfStep(waiter)).containsExactly(RunEvent.StepSkipped.class);
        }
    }

    @Test
    void aStepWaitingToRetryIsCanceledWithoutWaitingForItsDelay() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("flaky")
                .retryPolicy(RetryPolicy.of(5, Duration.ofHours(1)))
                .compute((inputs, ctx) -> {
                    throw new IllegalStateException("down");
                }).build()));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            RunHandle handle = executor.start(plan(step("flaky")));
            await().until(() -> !sink.events(RunEvent.RetryScheduled.class).isEmpty());
            handle.cancel();
            RunResult result = finish(handle);

            assertThat(result.outcome()).isEqualTo(RunOutcome.CANCELED);
            assertThat(result.status("flaky")).isEqualTo(StepStatus.CANCELED);
            assertThat(result.step("flaky").error()).hasMessage("down");
            assertThat(result.step("flaky").attempts()).isEqualTo(1);
            assertThat(sink.typesOfStep("flaky")).containsExactly(RunEvent.StepStarted.class,
                    RunEvent.StepFailed.class, RunEvent.RetryScheduled.class, RunEvent.StepCanceled.class);
        }
    }

    @Test
    void cancelingAFinishedRunChangesNothing() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("a").compute(constant("a", 1)).build()));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            RunHandle handle = executor.start(plan(step("a")));
            RunResult result = finish(handle);
            int events = sink.size();
            handle.cancel();
            assertThat(handle.isDone()).isTrue();
            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(sink.size()).isEqualTo(events);
            assertThat(handle.awaitCompletion().outcome()).isEqualTo(RunOutcome.SUCCESS);
        }
    }

    @Test
    void closingTheExecutorCancelsItsRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("long").compute((inputs, ctx) -> {
            started.countDown();
            new CountDownLatch(1).await();
            return Collections.singletonMap(key("long"), 1);
        }).build()));
        InProcessExecutor executor = InProcessExecutor.builder(graph).cancelGracePeriod(Duration.ZERO).build();
        RunHandle handle = executor.start(plan(step("long")));
        await(started);
        executor.close();
        assertThat(finish(handle).outcome()).isEqualTo(RunOutcome.CANCELED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> executor.start(plan(step("long"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
