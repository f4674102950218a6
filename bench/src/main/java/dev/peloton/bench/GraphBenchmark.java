package dev.peloton.bench;

import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** {@code bench/run graph}: build and validate a layered graph of 10,000 assets with 1-3 upstream assets each. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class GraphBenchmark {

    private List<AssetDefinition> definitions;

    @Setup
    public void setUp() {
        definitions = LayeredGraphs.generate(10_000, 100, PartitionsDefinition.none(), 42);
    }

    @Benchmark
    public AssetGraph discoverAndValidate() {
        return AssetGraph.of(definitions);
    }
}
