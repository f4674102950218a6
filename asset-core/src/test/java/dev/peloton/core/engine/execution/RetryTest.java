package dev.peloton.core.engine.execution;

import static dev.peloton.core.engine.execution.ExecutorTestSupport.constant;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.finish;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.key;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.plan;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.Backoff;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.RetryPolicy;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.event.SkipCause;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

    @Test
    void aFailingStepIsRetriedWithBackoffUntilItSucceeds() throws Exception {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(5), Backoff.EXPONENTIAL, false);
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("flaky").retryPolicy(policy)
                .compute((inputs, ctx) -> {
                    attempts.add(ctx.attempt());
                    if (ctx.attempt() < 3) {
                        throw new IllegalStateException("source busy (attempt " + ctx.attempt() + ")");
                    }
                    return Collections.singletonMap(key("flaky"), "data");
                }).build()));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            RunResult result = finish(executor.start(plan(step("flaky"))));

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(result.step("flaky").attempts()).isEqualTo(3);
            assertThat(result.value(key("flaky"))).isEqualTo("data");
            assertThat(attempts).containsExactly(1, 2, 3);
            assertThat(sink.typesOfStep("flaky")).containsExactly(
                    RunEvent.StepStarted.class, RunEvent.StepFailed.class, RunEvent.RetryScheduled.class,
                    RunEvent.StepStarted.class, RunEvent.StepFailed.class, RunEvent.RetryScheduled.class,
                    RunEvent.StepStarted.class, RunEvent.Materialization.class, RunEvent.StepSucceeded.class);
            List<RunEvent.RetryScheduled> retries = sink.events(RunEvent.RetryScheduled.class);
            assertThat(retries).extracting(RunEvent.RetryScheduled::attempt).containsExactly(2, 3);
            assertThat(retries).extracting(RunEvent.RetryScheduled::delay)
                    .containsExactly(Duration.ofMillis(5), Duration.ofMillis(10));
            RunEvent.StepFailed first = sink.events(RunEvent.StepFailed.class).get(0);
            assertThat(first.attempt()).isEqualTo(1);
            assertThat(first.willRetry()).isTrue();
            assertThat(first.errorClass()).isEqualTo(IllegalStateException.class.getName());
            assertThat(first.message()).isEqualTo("source busy (attempt 1)");
            assertThat(first.stackTrace()).contains("IllegalStateException").contains("at ");
            assertThat(sink.events(RunEvent.StepStarted.class)).extracting(RunEvent.StepStarted::attempt)
                    .containsExactly(1, 2, 3);
        }
    }

    @Test
    void jitteredDelaysFollowThePolicyWithTheExecutorsRandom() throws Exception {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(4), Backoff.LINEAR, true);
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("flaky").retryPolicy(policy)
                .compute((inputs, ctx) -> {
                    if (ctx.attempt() <= 3) {
                        throw new IllegalStateException("down");
                    }
                    return Collections.singletonMap(key("flaky"), 1);
                }).build()));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink)
                .random(new SplittableRandom(42)).build()) {
            assertThat(finish(executor.start(plan(step("flaky")))).outcome()).isEqualTo(RunOutcome.SUCCESS);
        }
        SplittableRandom reference = new SplittableRandom(42);
        List<Duration> expected = new ArrayList<>();
        for (int retry = 1; retry <= 3; retry++) {
            expected.add(policy.delayBefore(retry, reference));
        }
        assertThat(sink.events(RunEvent.RetryScheduled.class)).extracting(RunEvent.RetryScheduled::delay)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void exhaustedRetriesFailTheStepAndSkipEverythingDownstreamNamingIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("source").retryPolicy(RetryPolicy.of(2, Duration.ofMillis(1)))
                        .compute((inputs, ctx) -> {
                            calls.incrementAndGet();
                            throw new java.io.IOException("connection refused");
                        }).build(),
                AssetDefinition.builder("clean").input("source").build(),
                AssetDefinition.builder("report").input("clean").build(),
                AssetDefinition.builder("other").compute(constant("other", 5)).build()));
        CollectingEventSink sink = new CollectingEventSink();
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).storage(storage).build()) {
            RunResult result = finish(executor.start(plan(step("source"), step("clean", "source"),
                    step("report", "clean"), step("other"))));

            assertThat(result.outcome()).isEqualTo(RunOutcome.FAILURE);
            assertThat(calls.get()).isEqualTo(3);
            assertThat(result.status("source")).isEqualTo(StepStatus.FAILED);
            assertThat(result.step("source").error()).isInstanceOf(java.io.IOException.class)
                    .hasMessage("connection refused");
            assertThat(result.failures()).extracting(StepReport::stepId).containsExactly("source");
            assertThat(result.status("clean")).isEqualTo(StepStatus.SKIPPED);
            assertThat(result.status("report")).isEqualTo(StepStatus.SKIPPED);
            assertThat(result.status("other")).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(result.step("report").reason()).contains("'source'").contains("connection refused");

            List<RunEvent.StepFailed> failures = sink.events(RunEvent.StepFailed.class);
            assertThat(failures).extracting(RunEvent.StepFailed::willRetry).containsExactly(true, true, false);
            List<RunEvent.StepSkipped> skipped = sink.events(RunEvent.StepSkipped.class);
            assertThat(skipped).extracting(RunEvent.StepSkipped::stepId).containsExactlyInAnyOrder("clean", "report");
            assertThat(skipped).allSatisfy(e -> {
                assertThat(e.cause()).isEqualTo(SkipCause.UPSTREAM_FAILED);
                assertThat(e.causeId()).isEqualTo("source");
            });
            assertThat(storage.latestFailure(key("source"), "")).hasValueSatisfying(f -> {
                assertThat(f.runId()).isEqualTo(result.runId());
                assertThat(f.error()).contains("connection refused");
            });
            assertThat(storage.latest(key("source"), "")).isEmpty();
            RunEvent.RunFinished finished = sink.events(RunEvent.RunFinished.class).get(0);
            assertThat(finished.counts().failed()).isEqualTo(1);
            assertThat(finished.counts().skipped()).isEqualTo(2);
            assertThat(finished.counts().succeeded()).isEqualTo(1);
        }
    }

    @Test
    void aRetryRecomputesOnlyThePartitionsNotCommittedYet() throws Exception {
        List<String> computed = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        PartitionsDefinition days = PartitionsDefinition.staticKeys("d1", "d2", "d3");
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("daily").partitions(days)
                .retryPolicy(RetryPolicy.of(1, Duration.ZERO))
                .compute((inputs, ctx) -> {
                    computed.add(ctx.partitionKey() + "#" + ctx.attempt());
                    if (ctx.partitionKey().equals("d2") && failuresLeft.getAndDecrement() > 0) {
                        throw new IllegalStateException("d2 not ready");
                    }
                    return Collections.singletonMap(key("daily"), ctx.partitionKey().toUpperCase());
                }).build()));
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).storage(storage).build()) {
            RunResult result = finish(executor.start(plan(step("daily", List.of("daily"), PartitionSet.all(3)))));

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(computed).containsExactly("d1#1", "d2#1", "d2#2", "d3#2");
            assertThat(result.value(key("daily"), "d3")).isEqualTo("D3");
            assertThat(storage.latest(key("daily"), "d1")).isPresent();
            assertThat(storage.latestFailure(key("daily"), "d2")).isEmpty();
        }
    }

    @Test
    void aStepWithoutRetryPolicyFailsOnItsFirstError() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("once").compute((inputs, ctx) -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad row 7");
        }).build()));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            RunResult result = finish(executor.start(plan(step("once"))));
            assertThat(result.outcome()).isEqualTo(RunOutcome.FAILURE);
            assertThat(calls.get()).isEqualTo(1);
            assertThat(sink.events(RunEvent.RetryScheduled.class)).isEmpty();
            assertThat(sink.events(RunEvent.StepFailed.class)).singleElement()
                    .satisfies(e -> assertThat(e.willRetry()).isFalse());
        }
    }
}
