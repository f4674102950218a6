package dev.peloton.core.engine.execution;

import static dev.peloton.core.engine.execution.ExecutorTestSupport.finish;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.indexOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlannedStep;
import dev.peloton.core.PartitionSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random DAGs with random failures, run on real threads, against the statuses a naive walk predicts. */
class RandomPlansTest {

    @ParameterizedTest
    @ValueSource(longs = {11, 23, 37, 58, 71, 99, 123, 2024})
    void statusesAndOrderMatchTheReference(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 8 + random.nextInt(20);
        boolean[] fails = new boolean[n];
        List<List<Integer>> deps = new ArrayList<>();
        List<AssetDefinition> assets = new ArrayList<>();
        List<PlannedStep> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fails[i] = random.nextInt(7) == 0;
            List<Integer> up = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (random.nextInt(Math.max(2, i)) == 0) {
                    up.add(j);
                }
            }
            deps.add(up);
            String name = "a" + i;
            boolean fail = fails[i];
            AssetDefinition.Builder b = AssetDefinition.builder(name).compute((inputs, ctx) -> {
                if (fail) {
                    throw new IllegalStateException(name + " fails");
                }
                int sum = 1;
                for (Object v : inputs.values()) {
                    sum += (Integer) v;
                }
                return Collections.singletonMap(ctx.assetKey(), sum);
            });
            up.forEach(j -> b.input("a" + j));
            assets.add(b.build());
            steps.add(new PlannedStep(name, List.of(AssetKey.of(name)), PartitionSet.of(0),
                    up.stream().map(j -> "a" + j).toList()));
        }
        // Reference: a step fails when it fails itself, is skipped when anything upstream did not succeed.
        StepStatus[] expected = new StepStatus[n];
        int[] value = new int[n];
        for (int i = 0; i < n; i++) {
            boolean blocked = deps.get(i).stream().anyMatch(j -> expected[j] != StepStatus.SUCCEEDED);
            expected[i] = blocked ? StepStatus.SKIPPED : fails[i] ? StepStatus.FAILED : StepStatus.SUCCEEDED;
            value[i] = 1 + deps.get(i).stream().mapToInt(j -> value[j]).sum();
        }
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(AssetGraph.of(assets)).eventSink(sink)
                .maxConcurrentSteps(1 + random.nextInt(4)).build()) {
            RunResult result = finish(executor.start(new Plan(steps, List.of())));

            boolean anyBad = false;
            for (int i = 0; i < n; i++) {
                String id = "a" + i;
                assertThat(result.status(id)).as("seed %d step %s", seed, id).isEqualTo(expected[i]);
                anyBad |= expected[i] != StepStatus.SUCCEEDED;
                if (expected[i] == StepStatus.SUCCEEDED) {
                    assertThat(result.value(AssetKey.of(id))).as("seed %d value of %s", seed, id).isEqualTo(value[i]);
                    for (int j : deps.get(i)) {
                        assertThat(indexOf(sink.events(), RunEvent.StepSucceeded.class, "a" + j))
                                .as("seed %d: %s starts after a%d succeeded", seed, id, j)
                                .isLessThan(indexOf(sink.events(), RunEvent.StepStarted.class, id));
                    }
                }
            }
            assertThat(result.outcome()).as("seed %d", seed).isEqualTo(anyBad ? RunOutcome.FAILURE : RunOutcome.SUCCESS);
            List<RunEvent> events = sink.events();
            assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
            assertThat(((RunEvent.RunFinished) events.get(events.size() - 1)).counts().total()).isEqualTo(n);
            assertThat(result.counts()).isEqualTo(((RunEvent.RunFinished) events.get(events.size() - 1)).counts());
            assertThat(Map.copyOf(result.steps())).hasSize(n);
        }
    }
}
