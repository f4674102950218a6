package dev.peloton.core.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.staleness.NaiveStaleness;
import dev.peloton.core.engine.staleness.StalenessStatus;
import dev.peloton.core.engine.testing.RandomScenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner against a per-partition reference on random graphs and histories: which partitions are planned or
 * skipped, that every step depends on exactly the steps producing what it reads, and that the order holds.
 */
class PlannerPropertyTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void plansAgreeWithThePerPartitionReference(long seed) {
        RandomScenario scenario = RandomScenario.generate(seed);
        SplittableRandom rnd = new SplittableRandom(seed * 7919);
        AssetGraph graph = withRandomMultiAssetAndRanges(scenario.current(), rnd);
        NaiveStaleness naive = new NaiveStaleness(graph, scenario.storage());

        Set<AssetKey> selected = new LinkedHashSet<>();
        for (AssetDefinition d : graph.definitions()) {
            if (rnd.nextInt(100) < 60) {
                selected.add(d.key());
            }
        }
        if (selected.isEmpty()) {
            selected.add(graph.definition(graph.size() - 1).key());
        }
        PartitionSelection partitions = PartitionSelection.all();
        PartitionsDefinition first = graph.get(selected.iterator().next()).partitions();
        if (first.isPartitioned() && rnd.nextBoolean()) {
            selected.removeIf(k -> !graph.get(k).partitions().equals(first));
            List<String> keys = new ArrayList<>();
            for (long p = 0; p < first.size(); p++) {
                if (rnd.nextBoolean()) {
                    keys.add(first.keyAt(p));
                }
            }
            partitions = keys.isEmpty() ? PartitionSelection.range(first.keyAt(1), first.keyAt(3))
                    : PartitionSelection.keys(keys);
        }
        boolean onlyStale = rnd.nextBoolean();
        boolean memoize = rnd.nextBoolean();
        StepGranularity granularity = switch (rnd.nextInt(3)) {
            case 0 -> StepGranularity.perPartition();
            case 1 -> StepGranularity.chunks(rnd.nextInt(1, 4));
            default -> StepGranularity.wholeRange();
        };
        PlanRequest request = PlanRequest.of(selected).partitions(partitions).onlyStaleAndMissing(onlyStale)
                .memoize(memoize).granularity(granularity).build();
        String where = "seed " + seed + ", " + request;

        Plan plan = Planner.plan(graph, scenario.storage(), request);

        // Order and ids.
        Map<String, Integer> position = new HashMap<>();
        for (PlannedStep s : plan.steps()) {
            assertThat(position.put(s.id(), position.size())).as(where + ": id " + s.id() + " is unique").isNull();
            for (String d : s.dependsOn()) {
                assertThat(position).as(where + ": " + s.id() + " comes after " + d).containsKey(d);
            }
        }
        // Who produces what, exactly once.
        Map<String, String> producer = new HashMap<>();
        for (PlannedStep s : plan.steps()) {
            AssetDefinition def = graph.get(s.asset());
            assertThat(def.handlesRanges() || s.partitions().count() == 1)
                    .as(where + ": " + s.id() + " spans partitions only if its asset handles ranges").isTrue();
            assertThat(s.partitions().rangeCount()).as(where + ": " + s.id() + " spans no gap").isEqualTo(1);
            for (AssetKey a : s.assets()) {
                s.partitions().indices().forEach(p -> assertThat(producer.put(a + "|" + p, s.id()))
                        .as(where + ": " + a + "[" + p + "] produced once").isNull());
            }
        }
        // Dependencies: exactly the steps producing the upstream partitions read.
        for (PlannedStep s : plan.steps()) {
            Set<String> expected = new TreeSet<>();
            for (AssetKey a : s.assets()) {
                for (long p : s.partitions().indices().toArray()) {
                    for (Map.Entry<AssetKey, PartitionSet> read : naive.reads(a, p).entrySet()) {
                        read.getValue().indices().forEach(q -> {
                            String t = producer.get(read.getKey() + "|" + q);
                            if (t != null && !t.equals(s.id())) {
                                expected.add(t);
                            }
                        });
                    }
                }
            }
            assertThat(new TreeSet<>(s.dependsOn())).as(where + ": dependencies of " + s.id()).isEqualTo(expected);
        }
        // Planned or skipped, for the reason the options give.
        Map<String, String> skippedReason = new HashMap<>();
        for (SkippedWork w : plan.skipped()) {
            w.partitions().indices().forEach(p -> assertThat(skippedReason.put(w.asset() + "|" + p, w.reason()))
                    .as(where + ": skipped once").isNull());
        }
        for (AssetKey a : selected) {
            AssetDefinition def = graph.get(a);
            PartitionSet requested = requested(def, partitions);
            List<AssetDefinition> group = graph.sameCompute(def);
            for (long p : requested.indices().toArray()) {
                String key = a + "|" + p;
                boolean planned = producer.containsKey(key);
                boolean expectPlanned = group.stream().filter(m -> selected.contains(m.key()))
                        .anyMatch(m -> needs(naive, graph, group, m, p, onlyStale, memoize, producer));
                assertThat(planned).as(where + ": " + a + "[" + p + "] planned").isEqualTo(expectPlanned);
                assertThat(skippedReason.containsKey(key)).as(where + ": " + a + "[" + p + "] skipped")
                        .isEqualTo(!planned);
                if (!planned) {
                    boolean fresh = naive.verdict(a, p).status() == StalenessStatus.FRESH;
                    assertThat(skippedReason.get(key)).as(where + ": " + a + "[" + p + "] reason")
                            .startsWith(onlyStale && fresh ? "fresh:" : "memoized:");
                }
            }
        }
    }

    private static boolean needs(NaiveStaleness naive, AssetGraph graph, List<AssetDefinition> group,
            AssetDefinition m, long p, boolean onlyStale, boolean memoize, Map<String, String> producer) {
        NaiveStaleness.Verdict v = naive.verdict(m.key(), p);
        if (onlyStale && v.status() == StalenessStatus.FRESH) {
            return false;
        }
        if (!memoize || v.status() == StalenessStatus.MISSING) {
            return true;
        }
        boolean direct = v.causes().stream().anyMatch(c -> c.equals("CODE") || c.equals("DEPS")
                || c.startsWith("DATA:"));
        if (direct) {
            return true;
        }
        Set<AssetKey> inGroup = new HashSet<>();
        group.forEach(d -> inGroup.add(d.key()));
        for (Map.Entry<AssetKey, PartitionSet> read : naive.reads(m.key(), p).entrySet()) {
            if (!inGroup.contains(read.getKey())
                    && read.getValue().indices().anyMatch(q -> producer.containsKey(read.getKey() + "|" + q))) {
                return true;
            }
        }
        return false;
    }

    private static PartitionSet requested(AssetDefinition def, PartitionSelection selection) {
        return switch (selection) {
            case PartitionSelection.All a -> def.partitions().all();
            case PartitionSelection.Keys k -> def.partitions().parse(def.key(), k.keys());
            case PartitionSelection.Range r -> def.partitions().range(def.key(), r.range().start(), r.range().end());
        };
    }

    /** Random handlesRanges, and two unconnected assets with equal partitions made one multi-asset. */
    private static AssetGraph withRandomMultiAssetAndRanges(AssetGraph graph, SplittableRandom rnd) {
        int n = graph.size();
        boolean[][] reach = new boolean[n][n];
        for (int a = 0; a < n; a++) {
            reach[a][a] = true;
            for (AssetGraph.Edge e : graph.upstreamEdges(a)) {
                for (int x = 0; x < n; x++) {
                    reach[a][x] |= reach[e.upstream()][x];
                }
            }
        }
        int[] pair = null;
        for (int tries = 0; tries < 10 && pair == null; tries++) {
            int i = rnd.nextInt(n);
            int j = rnd.nextInt(n);
            if (i != j && !reach[i][j] && !reach[j][i]
                    && graph.definition(i).partitions().equals(graph.definition(j).partitions())) {
                pair = new int[] {i, j};
            }
        }
        boolean subsettable = rnd.nextBoolean();
        List<AssetDefinition> out = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            AssetDefinition d = graph.definition(a);
            boolean member = pair != null && (a == pair[0] || a == pair[1]);
            out.add(new AssetDefinition(d.key(), d.group(), d.description(), d.owners(), d.tags(), d.codeVersion(),
                    d.codeVersionSource(), d.partitions(), d.ioManager(), d.retryPolicy(), d.pool(), d.dependencies(),
                    rnd.nextBoolean(), d.compute(), member ? "multi" : d.computeId(), member && subsettable,
                    d.valueType(), d.origin()));
        }
        return AssetGraph.of(out);
    }
}
