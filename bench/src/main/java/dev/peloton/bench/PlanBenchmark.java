package dev.peloton.bench;

import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlanRequest;
import dev.peloton.core.engine.plan.Planner;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** {@code bench/run plan}: plan a backfill of 1,000 daily partitions of a layered 100-asset graph, one step each. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class PlanBenchmark {

    private AssetGraph graph;
    private InMemoryAssetStateStorage storage;
    private PlanRequest request;

    @Setup
    public void setUp() {
        List<AssetDefinition> assets = LayeredGraphs.generate(100, 10,
                PartitionsDefinition.daily("2021-01-01", "2023-09-27"), 42);
        graph = AssetGraph.of(assets);
        if (graph.definition(0).partitions().size() != 1000) {
            throw new IllegalStateException("expected 1,000 partitions, got " + graph.definition(0).partitions().size());
        }
        storage = new InMemoryAssetStateStorage();
        request = PlanRequest.of(assets.stream().map(AssetDefinition::key).toList()).build();
    }

    @Benchmark
    public Plan planBackfill() {
        return Planner.plan(graph, storage, request);
    }
}
