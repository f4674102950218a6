package dev.peloton.core.engine.execution;

import static dev.peloton.core.engine.execution.ExecutorTestSupport.await;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.constant;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.finish;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.indexOf;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.key;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.plan;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.graph.AssetCompute;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.PlannedStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchedulingTest {

    @Test
    void independentStepsRunAtTheSameTime() throws Exception {
        // Each step waits until both have started: run one after the other, the first would time out and fail.
        CountDownLatch bothStarted = new CountDownLatch(2);
        AssetCompute rendezvous = (inputs, ctx) -> {
            bothStarted.countDown();
            await(bothStarted);
            return Collections.singletonMap(ctx.assetKey(), ctx.assetKey().name());
        };
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("a").compute(rendezvous).build(),
                AssetDefinition.builder("b").compute(rendezvous).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).maxConcurrentSteps(2).build()) {
            RunResult result = finish(executor.start(plan(step("a"), step("b"))));

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(result.value(key("a"))).isEqualTo("a");
            assertThat(result.value(key("b"))).isEqualTo("b");
        }
    }

    @Test
    void downstreamStartsOnlyAfterUpstreamSucceededAndReadsItsValue() throws Exception {
        CountDownLatch releaseUpstream = new CountDownLatch(1);
        CountDownLatch upstreamStarted = new CountDownLatch(1);
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("raw").compute((inputs, ctx) -> {
                    trace.add("raw started");
                    upstreamStarted.countDown();
                    await(releaseUpstream);
                    trace.add("raw done");
                    return Collections.singletonMap(key("raw"), 20);
                }).build(),
                AssetDefinition.builder("clean").input("raw").compute((inputs, ctx) -> {
                    trace.add("clean started");
                    return Collections.singletonMap(key("clean"), (Integer) inputs.get("raw") + 1);
                }).build()));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            RunHandle handle = executor.start(plan(step("raw"), step("clean", "raw")));
            await(upstreamStarted);
            assertThat(sink.typesOfStep("clean")).isEmpty();
            releaseUpstream.countDown();
            RunResult result = finish(handle);

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(result.value(key("clean"))).isEqualTo(21);
            assertThat(trace).containsExactly("raw started", "raw done", "clean started");
            List<RunEvent> events = sink.events();
            assertThat(indexOf(events, RunEvent.StepSucceeded.class, "raw"))
                    .isLessThan(indexOf(events, RunEvent.StepStarted.class, "clean"));
        }
    }

    @Test
    void aStepWithTwoUpstreamsWaitsForBoth() throws Exception {
        CountDownLatch releaseSlow = new CountDownLatch(1);
        CollectingEventSink sink = new CollectingEventSink();
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("fast").compute(constant("fast", 1)).build(),
                AssetDefinition.builder("slow").compute((inputs, ctx) -> {
                    await(releaseSlow);
                    return Collections.singletonMap(key("slow"), 2);
                }).build(),
                AssetDefinition.builder("sum").input("fast").input("slow").compute((inputs, ctx) ->
                        Collections.singletonMap(key("sum"), (Integer) inputs.get("fast") + (Integer) inputs.get("slow")))
                        .build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            RunHandle handle = executor.start(plan(step("fast"), step("slow"), step("sum", "fast", "slow")));
            await().until(() -> sink.typesOfStep("fast").contains(RunEvent.StepSucceeded.class));
            assertThat(sink.typesOfStep("sum")).isEmpty();
            releaseSlow.countDown();
            RunResult result = finish(handle);
            assertThat(result.value(key("sum"))).isEqualTo(3);
            assertThat(indexOf(sink.events(), RunEvent.StepSucceeded.class, "slow"))
                    .isLessThan(indexOf(sink.events(), RunEvent.StepStarted.class, "sum"));
        }
    }

    @Test
    void maxConcurrentStepsIsNeverExceeded() throws Exception {
        int steps = 6;
        int bound = 2;
        ConcurrencyProbe probe = new ConcurrencyProbe();
        List<AssetDefinition> assets = new ArrayList<>();
        List<PlannedStep> planned = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            String name = "s" + i;
            assets.add(AssetDefinition.builder(name).compute(probe.compute()).build());
            planned.add(step(name));
        }
        try (InProcessExecutor executor = InProcessExecutor.builder(AssetGraph.of(assets))
                .maxConcurrentSteps(bound).build()) {
            RunHandle handle = executor.start(plan(planned.toArray(PlannedStep[]::new)));
            probe.releaseOneByOne(steps, bound);
            RunResult result = finish(handle);

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(probe.max.get()).isEqualTo(bound);
            assertThat(probe.entered.get()).isEqualTo(steps);
        }
    }

    @Test
    void aPoolHoldsAtMostItsLimitWhileOtherStepsGoOn() throws Exception {
        int pooled = 6;
        ConcurrencyProbe probe = new ConcurrencyProbe();
        List<AssetDefinition> assets = new ArrayList<>();
        List<PlannedStep> planned = new ArrayList<>();
        for (int i = 0; i < pooled; i++) {
            String name = "warehouse" + i;
            assets.add(AssetDefinition.builder(name).pool("warehouse").compute(probe.compute()).build());
            planned.add(step(name));
        }
        assets.add(AssetDefinition.builder("free").compute(constant("free", "ok")).build());
        planned.add(step("free"));
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(AssetGraph.of(assets)).eventSink(sink)
                .maxConcurrentSteps(8).poolLimits(Map.of("warehouse", 2)).build()) {
            RunHandle handle = executor.start(plan(planned.toArray(PlannedStep[]::new)));
            await().until(() -> probe.current.get() == 2);
            // The pool is full and blocked, yet the unpooled step completes.
            await().until(() -> sink.typesOfStep("free").contains(RunEvent.StepSucceeded.class));
            probe.releaseOneByOne(pooled, 2);
            RunResult result = finish(handle);

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(probe.max.get()).isEqualTo(2);
            assertThat(probe.entered.get()).isEqualTo(pooled);
        }
    }

    @Test
    void aCustomPoolLimiterIsAskedForEachPooledStepAndGetsItsPermitsBack() throws Exception {
        Set<String> asked = ConcurrentHashMap.newKeySet();
        AtomicInteger held = new AtomicInteger();
        PoolLimiter limiter = (pool, runId, stepId) -> {
            asked.add(pool + "/" + runId + "/" + stepId);
            held.incrementAndGet();
            return held::decrementAndGet;
        };
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("a").pool("api").compute(constant("a", 1)).build(),
                AssetDefinition.builder("b").compute(constant("b", 2)).build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).poolLimiter(limiter).build()) {
            RunResult result = finish(executor.start(plan(step("a"), step("b")), RunOptions.withRunId("run-7")));

            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(asked).containsExactly("api/run-7/a");
            assertThat(held.get()).isZero();
        }
    }

    @Test
    void poolLimitsBelowOneAreRejectedNamingThePool() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PoolLimiter.local(Map.of("warehouse", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool 'warehouse'").hasMessageContaining("at least 1");
    }

    @Test
    void anEmptyPlanSucceedsAtOnce() throws Exception {
        CollectingEventSink sink = new CollectingEventSink();
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("a").build()));
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink).build()) {
            RunResult result = executor.run(plan());
            assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(sink.events()).hasSize(2);
            assertThat(sink.events(RunEvent.RunFinished.class).get(0).counts().total()).isZero();
        }
    }

    /**
     * Counts the steps inside their compute at once. Each step waits for a permit the test hands out one at a
     * time, only once the expected number of steps is inside: a step that broke the bound would raise the maximum.
     */
    static final class ConcurrencyProbe {
        final AtomicInteger current = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        final AtomicInteger entered = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final Semaphore release = new Semaphore(0);

        AssetCompute compute() {
            return (inputs, ctx) -> {
                entered.incrementAndGet();
                int now = current.incrementAndGet();
                max.accumulateAndGet(now, Math::max);
                try {
                    if (!release.tryAcquire(ExecutorTestSupport.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("not released");
                    }
                } finally {
                    current.decrementAndGet();
                    finished.incrementAndGet();
                }
                return Collections.<AssetKey, Object>singletonMap(ctx.assetKey(), now);
            };
        }

        /** Lets the steps finish one at a time, each time once {@code bound} of them (or all left) are inside. */
        void releaseOneByOne(int steps, int bound) {
            for (int left = steps; left > 0; left--) {
                int expected = Math.min(bound, left);
                int released = steps - left;
                // Wait for the step released last to leave, so that a stale count is never taken for a new one.
                await().until(() -> finished.get() == released && current.get() == expected);
                release.release();
            }
        }
    }
}
