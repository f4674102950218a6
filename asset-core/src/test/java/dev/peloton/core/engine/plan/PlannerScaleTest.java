package dev.peloton.core.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import dev.peloton.core.engine.testing.TestMappings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A 100-asset graph over 1,000 partitions: checked, and timed for the log (no timed assertion). */
class PlannerScaleTest {

    @Test
    void plansAHundredAssetsOverAThousandPartitions() {
        int assets = 100;
        int partitions = 1_000;
        PartitionsDefinition days = PartitionsDefinition.staticKeys(
                IntStream.range(0, partitions).mapToObj(i -> "d" + i).toList());
        SplittableRandom rnd = new SplittableRandom(11);
        List<AssetDefinition> defs = new ArrayList<>();
        List<AssetKey> keys = new ArrayList<>();
        for (int i = 0; i < assets; i++) {
            AssetDefinition.Builder b = AssetDefinition.builder("p/a" + i).partitions(days);
            if (i > 0) {
                b.input("p/a" + rnd.nextInt(i));
                int other = rnd.nextInt(i);
                if (rnd.nextInt(4) == 0) {
                    b.dependency(dev.peloton.core.engine.graph.AssetDependency.input(AssetKey.of("p", "a" + other),
                            "window" + other, Object.class).withMapping(TestMappings.windowUpTo(7)));
                }
            }
            defs.add(b.build());
            keys.add(AssetKey.of("p", "a" + i));
        }
        AssetGraph graph = AssetGraph.of(defs);
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        PlanRequest request = PlanRequest.of(keys).build();

        Plan plan = null;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            plan = Planner.plan(graph, storage, request);
            System.out.printf("planner: %d assets x %,d partitions, one step each: %d steps in %d ms%n", assets,
                    partitions, plan.steps().size(), (System.nanoTime() - t0) / 1_000_000);
        }
        PlanRequest stale = PlanRequest.of(keys).onlyStaleAndMissing(true).memoize(true).build();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            Planner.plan(graph, storage, stale);
            System.out.printf("planner: the same, only stale and missing, memoized: %d ms%n",
                    (System.nanoTime() - t0) / 1_000_000);
        }

        assertThat(plan.steps()).hasSize(assets * partitions);
        assertThat(plan.steps().get(0).id()).isEqualTo("p/a0[d0]");
        // a1 reads a0 twice: the same day, and a window of the seven days up to it.
        assertThat(plan.steps().get(partitions + 500).dependsOn()).containsExactly("p/a0[d494]", "p/a0[d495]",
                "p/a0[d496]", "p/a0[d497]", "p/a0[d498]", "p/a0[d499]", "p/a0[d500]");
    }
}
