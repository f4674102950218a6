package dev.peloton.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Entry point of {@code bench/run NAME}: runs the JMH benchmark of that name with settings that fit in about two
 * minutes on 2 cores, then prints each figure on its own line as {@code figure: <name> <value> <unit>}. The
 * runtime's end-to-end harnesses ({@link RuntimeBenchmarks}: backfill, latency, enqueue, events, bigrun) run
 * without JMH and print the same lines.
 */
public final class BenchMain {

    /** A JMH benchmark: its class, and the figure name for each benchmark method. */
    private record JmhBenchmark(Class<?> type, Map<String, String> figureByMethod) {
    }

    private static final Map<String, JmhBenchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("graph", new JmhBenchmark(GraphBenchmark.class, Map.of("discoverAndValidate", "graph_10k_assets")));
        BENCHMARKS.put("staleness", new JmhBenchmark(StalenessBenchmark.class, Map.of(
                "tenThousandAssetsByYear", "staleness_10k_x_365",
                "hundredAssetsByHundredThousand", "staleness_100_x_100k")));
        BENCHMARKS.put("plan", new JmhBenchmark(PlanBenchmark.class, Map.of("planBackfill", "plan_1000_partitions")));
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        String name = args.length == 0 ? "list" : args[0];
        if (name.equals("ui")) {
            dev.peloton.bench.ui.UiBenchmark.run();
            System.exit(0);
            return;
        }
        Runnable harness = RuntimeBenchmarks.SCENARIOS.get(name);
        if (harness != null) {
            harness.run();
            // The worker's and the pool's threads are daemons, but end now rather than wait for stragglers.
            System.exit(0);
            return;
        }
        JmhBenchmark benchmark = BENCHMARKS.get(name);
        if (benchmark == null) {
            System.err.println((name.equals("list") ? "" : "Unknown benchmark '" + name + "'. ")
                    + "Benchmarks: " + String.join(", ", BENCHMARKS.keySet()) + ", "
                    + String.join(", ", RuntimeBenchmarks.names()) + ", ui");
            System.exit(name.equals("list") ? 0 : 2);
            return;
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.type().getName() + "\\.")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .timeUnit(TimeUnit.MILLISECONDS)
                .jvmArgsAppend("-Xmx6g", "-XX:+UseParallelGC");
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String figure = benchmark.figureByMethod().getOrDefault(method, method);
            System.out.printf("figure: %s %.1f %s%n", figure, result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreUnit().replace("/op", ""));
        }
    }
}
