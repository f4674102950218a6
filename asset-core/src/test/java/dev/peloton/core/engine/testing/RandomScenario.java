package dev.peloton.core.engine.testing;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetDependency;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random small asset graph with a random history: assets materialized in several rounds, some with an older
 * graph (other code versions, a dependency more or less), some with user-given data versions, some never.
 *
 * @param current the graph as it is now
 * @param storage the latest materializations the history left
 */
public record RandomScenario(AssetGraph current, InMemoryAssetStateStorage storage) {

    private static final PartitionsDefinition FIVE = PartitionsDefinition.staticKeys("p0", "p1", "p2", "p3", "p4");
    private static final PartitionsDefinition EIGHT =
            PartitionsDefinition.staticKeys("q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7");

    private record Edge(int upstream, boolean deps, PartitionMapping mapping, String parameter) {
    }

    public static RandomScenario generate(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = rnd.nextInt(3, 10);
        PartitionsDefinition[] defs = new PartitionsDefinition[n];
        List<List<Edge>> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            defs[i] = switch (rnd.nextInt(5)) {
                case 0 -> PartitionsDefinition.none();
                case 1, 2 -> FIVE;
                default -> EIGHT;
            };
            List<Edge> mine = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (mine.size() < 3 && rnd.nextInt(100) < 35) {
                    mine.add(randomEdge(rnd, j, defs[j], defs[i], "in" + j));
                    if (rnd.nextInt(100) < 10) {
                        mine.add(randomEdge(rnd, j, defs[j], defs[i], "again" + j));
                    }
                }
            }
            edges.add(mine);
        }
        String[] oldCode = new String[n];
        List<List<Edge>> oldEdges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            oldCode[i] = rnd.nextInt(100) < 30 ? "c0" : "c1";
            List<Edge> old = new ArrayList<>(edges.get(i));
            if (!old.isEmpty() && rnd.nextInt(100) < 20) {
                old.remove(old.size() - 1);
            }
            if (i > 0 && rnd.nextInt(100) < 15) {
                int j = rnd.nextInt(i);
                if (old.stream().noneMatch(e -> e.upstream() == j)) {
                    // Partitions may differ, so the default (identity) may not apply: read everything.
                    old.add(new Edge(j, true, PartitionMappings.all(), null));
                }
            }
            oldEdges.add(old);
        }
        String[] code = new String[n];
        java.util.Arrays.fill(code, "c1");
        AssetGraph current = build(defs, edges, code);
        AssetGraph old = build(defs, oldEdges, oldCode);

        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        Materializer m = new Materializer(storage);
        int rounds = rnd.nextInt(1, 5);
        for (int round = 0; round < rounds; round++) {
            boolean lastRound = round == rounds - 1;
            for (int i = 0; i < n; i++) {
                for (long p = 0; p < defs[i].size(); p++) {
                    if (rnd.nextInt(100) < (lastRound ? 35 : 60)) {
                        AssetGraph g = !lastRound && rnd.nextInt(100) < 40 ? old : current;
                        String version = rnd.nextInt(100) < 25 ? "u" + rnd.nextInt(3) : null;
                        m.record(g, key(i), defs[i].keyAt(p), version, "run-" + round);
                    }
                }
            }
        }
        return new RandomScenario(current, storage);
    }

    private static Edge randomEdge(SplittableRandom rnd, int upstream, PartitionsDefinition up,
            PartitionsDefinition down, String parameter) {
        boolean deps = rnd.nextInt(100) < 30;
        PartitionMapping mapping;
        boolean samePartitioned = up.equals(down) && up.isPartitioned();
        int choice = rnd.nextInt(samePartitioned ? 5 : 4);
        mapping = switch (choice) {
            case 0 -> PartitionMappings.all();
            case 1 -> TestMappings.previous();
            case 2 -> TestMappings.windowUpTo(rnd.nextInt(0, 4));
            case 3 -> up.isPartitioned() && down.isPartitioned() ? TestMappings.windowUpTo(2) : null;
            default -> null;
        };
        return new Edge(upstream, deps, mapping, deps ? null : parameter);
    }

    private static AssetGraph build(PartitionsDefinition[] defs, List<List<Edge>> edges, String[] code) {
        List<AssetDefinition> out = new ArrayList<>();
        for (int i = 0; i < defs.length; i++) {
            AssetDefinition.Builder b = AssetDefinition.builder(key(i)).partitions(defs[i]).codeVersion(code[i]);
            for (Edge e : edges.get(i)) {
                AssetDependency d = e.deps() ? AssetDependency.deps(key(e.upstream()))
                        : AssetDependency.input(key(e.upstream()), e.parameter(), Object.class);
                b.dependency(e.mapping() == null ? d : d.withMapping(e.mapping()));
            }
            out.add(b.build());
        }
        return AssetGraph.of(out);
    }

    public static AssetKey key(int i) {
        return AssetKey.of("g", "n" + i);
    }
}
