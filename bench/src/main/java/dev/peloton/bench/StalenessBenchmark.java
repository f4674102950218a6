package dev.peloton.bench;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.staleness.StalenessReport;
import dev.peloton.core.engine.staleness.StalenessResolver;
import dev.peloton.core.engine.staleness.StateSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code bench/run staleness}: full staleness of every asset partition after one root asset's code version changed,
 * with the state already loaded in a {@link StateSnapshot} (as a running node keeps it). The set-up prints how long
 * loading the snapshot and the first, cold resolution took.
 */
public class StalenessBenchmark {

    /** State shared by the iterations of one benchmark: the graph before and after the change, and the snapshot. */
    public abstract static class Scenario {
        AssetGraph changed;
        StateSnapshot snapshot;

        void build(String name, int assets, int layerWidth, PartitionsDefinition partitions) {
            List<AssetDefinition> before = LayeredGraphs.generate(assets, layerWidth, partitions, 42);
            AssetGraph graph = AssetGraph.of(before);
            List<AssetDefinition> after = new ArrayList<>(before);
            AssetDefinition root = after.get(0);
            after.set(0, AssetDefinition.builder(root.key()).group(root.group()).partitions(root.partitions())
                    .codeVersion("2").build());
            changed = AssetGraph.of(after);

            long t0 = System.nanoTime();
            snapshot = StateSnapshot.load(graph, new SyntheticStateStorage(graph));
            long loaded = System.nanoTime();
            StalenessReport first = new StalenessResolver(changed, snapshot).resolve();
            long resolved = System.nanoTime();
            System.out.printf("%nfigure: %s_load %d ms%nfigure: %s_cold %d ms%n", name, (loaded - t0) / 1_000_000,
                    name, (resolved - loaded) / 1_000_000);
            long stale = first.summaries().stream().mapToLong(s -> s.stale().count()).sum();
            System.out.printf("(%,d stale asset partitions of %,d)%n", stale, (long) assets * partitions.size());
            if (stale == 0) {
                throw new IllegalStateException("a root code change made nothing stale: the scenario is wrong");
            }
        }
    }

    @State(Scope.Benchmark)
    public static class TenThousandByYear extends Scenario {
        @Setup
        public void setUp() {
            build("staleness_10k_x_365", 10_000, 100, PartitionsDefinition.daily("2023-01-01", "2023-12-31"));
        }
    }

    @State(Scope.Benchmark)
    public static class HundredByHundredThousand extends Scenario {
        @Setup
        public void setUp() {
            build("staleness_100_x_100k", 100, 10,
                    PartitionsDefinition.staticKeys(IntStream.range(0, 100_000).mapToObj(i -> "k" + i).toList()));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public StalenessReport tenThousandAssetsByYear(TenThousandByYear s) {
        return new StalenessResolver(s.changed, s.snapshot).resolve();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public StalenessReport hundredAssetsByHundredThousand(HundredByHundredThousand s) {
        return new StalenessResolver(s.changed, s.snapshot).resolve();
    }

    static AssetKey key(int i) {
        return AssetKey.of("asset" + i);
    }
}
