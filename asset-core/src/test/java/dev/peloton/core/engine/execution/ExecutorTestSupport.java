package dev.peloton.core.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.graph.AssetCompute;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlannedStep;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Builders for hand-made plans and computes, shared by the executor tests. */
final class ExecutorTestSupport {

    /** Generous: only reached when something is broken, never on a working run. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ExecutorTestSupport() {
    }

    static AssetKey key(String key) {
        return AssetKey.parse(key);
    }

    /** An unpartitioned single-asset step. */
    static PlannedStep step(String asset, String... dependsOn) {
        return new PlannedStep(asset, List.of(key(asset)), PartitionSet.of(0), List.of(dependsOn));
    }

    static PlannedStep step(String id, List<String> assets, PartitionSet partitions, String... dependsOn) {
        return new PlannedStep(id, assets.stream().map(AssetKey::parse).toList(), partitions, List.of(dependsOn));
    }

    static Plan plan(PlannedStep... steps) {
        return new Plan(Arrays.asList(steps), List.of());
    }

    /** A compute of one asset returning {@code f(inputs)}. */
    static AssetCompute returning(String asset, Function<Map<String, Object>, Object> f) {
        AssetKey k = key(asset);
        return (inputs, ctx) -> Collections.singletonMap(k, f.apply(inputs));
    }

    static AssetCompute constant(String asset, Object value) {
        return returning(asset, inputs -> value);
    }

    /** Waits on a latch inside asset code; fails the step rather than hanging when the test is broken. */
    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("latch not released within " + TIMEOUT);
        }
    }

    static RunResult finish(RunHandle handle) throws InterruptedException {
        return handle.awaitCompletion(TIMEOUT)
                .orElseThrow(() -> new AssertionError("run " + handle.runId() + " did not end within " + TIMEOUT));
    }

    /** Index of the first event matching, for order assertions. */
    static int indexOf(List<RunEvent> events, Class<? extends RunEvent> type, String stepId) {
        for (int i = 0; i < events.size(); i++) {
            RunEvent e = events.get(i);
            if (type.isInstance(e) && stepId.equals(e.stepId())) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " for step " + stepId + " in " + events);
    }

    static void assertRunEnvelope(List<RunEvent> events, String runId) {
        assertThat(events).isNotEmpty();
        assertThat(events.get(0)).isInstanceOf(RunEvent.RunStarted.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
        assertThat(events).allSatisfy(e -> assertThat(e.runId()).isEqualTo(runId));
    }
}
