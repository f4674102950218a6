package dev.peloton.core.engine.staleness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.core.engine.state.PartitionVersions;
import dev.peloton.core.engine.testing.TestMappings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Big graphs, checked for the right answer and timed for the log (no timed assertion). The default sizes keep
 * the build quick; the design targets run with {@code -Dpeloton.scale.assets=10000} (10,000 assets x 365
 * partitions) and {@code -Dpeloton.scale.partitions=100000} (100 assets x 100,000 partitions).
 */
class StalenessScaleTest {

    private static final int ASSETS = Integer.getInteger("peloton.scale.assets", 1_000);
    private static final int PARTITIONS = Integer.getInteger("peloton.scale.partitions", 10_000);

    private static PartitionsDefinition keys(int n) {
        return PartitionsDefinition.staticKeys(IntStream.range(0, n).mapToObj(i -> "k" + i).toList());
    }

    @Test
    void aRootCodeChangeMakesAWholeGraphOfDailyPartitionsStale() {
        int days = 365;
        PartitionsDefinition def = keys(days);
        SplittableRandom rnd = new SplittableRandom(7);
        List<List<Integer>> ups = new ArrayList<>();
        for (int i = 0; i < ASSETS; i++) {
            List<Integer> u = new ArrayList<>();
            if (i > 0) {
                u.add((i - 1) / 2);
                int other = rnd.nextInt(i);
                if (rnd.nextInt(10) < 3 && other != (i - 1) / 2) {
                    u.add(other);
                }
            }
            ups.add(u);
        }
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        String[] versions = IntStream.range(0, days).mapToObj(p -> "v" + p).toArray(String[]::new);
        for (int i = 0; i < ASSETS; i++) {
            for (int p = 0; p < days; p++) {
                Map<AssetKey, String> inputs = new java.util.HashMap<>();
                for (int u : ups.get(i)) {
                    inputs.put(key(u), versions[p]);
                }
                storage.recordMaterialization(new MaterializationRecord(key(i), def.keyAt(p), versions[p], "1",
                        inputs, "r1", Instant.EPOCH));
            }
        }
        AssetGraph before = dailyGraph(def, ups, "1");
        AssetGraph after = dailyGraph(def, ups, "2");

        settle();
        long t0 = System.nanoTime();
        StateSnapshot snapshot = StateSnapshot.load(before, storage);
        System.out.printf("staleness: loading %,d assets x %d partitions: %d ms%n", ASSETS, days,
                (System.nanoTime() - t0) / 1_000_000);
        StalenessReport report = null;
        for (int round = 0; round < 5; round++) {
            t0 = System.nanoTime();
            report = new StalenessResolver(after, snapshot).resolve();
            System.out.printf("staleness: %,d assets x %d partitions after a root code change: %d ms%n", ASSETS,
                    days, (System.nanoTime() - t0) / 1_000_000);
        }
        assertThat(new StalenessResolver(before, snapshot).resolve().summaries())
                .allSatisfy(s -> assertThat(s.fresh()).isEqualTo(PartitionSet.all(days)));

        long stale = report.summaries().stream().mapToLong(s -> s.stale().count()).sum();
        assertThat(stale).isEqualTo((long) ASSETS * days);
        StaleCause.UpstreamStale leaf = (StaleCause.UpstreamStale) report.staleness(key(ASSETS - 1), "k100")
                .causes().get(0);
        assertThat(leaf.rootCauses()).contains(new RootCause(key(0), PartitionSet.of(100), "k100",
                RootCauseKind.CODE_VERSION_CHANGED));
    }

    private static AssetGraph dailyGraph(PartitionsDefinition def, List<List<Integer>> ups, String rootCode) {
        List<AssetDefinition> defs = new ArrayList<>();
        for (int i = 0; i < ups.size(); i++) {
            AssetDefinition.Builder b = AssetDefinition.builder(key(i)).partitions(def)
                    .codeVersion(i == 0 ? rootCode : "1");
            ups.get(i).forEach(u -> b.input(key(u).toString()));
            defs.add(b.build());
        }
        return AssetGraph.of(defs);
    }

    @Test
    void newDataInOneOfManyPartitionsFollowsIdentityAndWindowEdges() {
        int n = PARTITIONS;
        int assets = 100;
        int window = 7;
        PartitionsDefinition def = keys(n);
        List<AssetDefinition> defs = new ArrayList<>();
        PartitionMapping windowMapping = TestMappings.windowUpTo(window);
        for (int i = 0; i < assets; i++) {
            AssetDefinition.Builder b = AssetDefinition.builder(key(i)).partitions(def);
            if (i > 0) {
                b = i % 3 == 2 ? b.input(key(i - 1).toString(), windowMapping) : b.input(key(i - 1).toString());
            }
            defs.add(b.build());
        }
        AssetGraph graph = AssetGraph.of(defs);
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        String[] shared = IntStream.range(0, 1000).mapToObj(p -> "v" + p).toArray(String[]::new);
        String[] versions = new String[n];
        for (int p = 0; p < n; p++) {
            versions[p] = shared[p % 1000];
        }
        PartitionVersions pv = PartitionVersions.of(versions);
        for (int i = 0; i < assets; i++) {
            for (int p = 0; p < n; p++) {
                Map<AssetKey, String> inputs = i == 0 ? Map.of() : Map.of(key(i - 1), i % 3 == 2
                        ? pv.inputDataVersion(PartitionSet.range(Math.max(0, p - window + 1), p + 1))
                        : versions[p]);
                storage.recordMaterialization(new MaterializationRecord(key(i), def.keyAt(p), versions[p], "1",
                        inputs, "r1", Instant.EPOCH));
            }
        }
        int changed = n / 2;
        storage.recordMaterialization(new MaterializationRecord(key(0), def.keyAt(changed), "new", "1", Map.of(),
                "r2", Instant.EPOCH));

        settle();
        long t0 = System.nanoTime();
        StateSnapshot snapshot = StateSnapshot.load(graph, storage);
        System.out.printf("staleness: loading %d assets x %,d partitions: %d ms%n", assets, n,
                (System.nanoTime() - t0) / 1_000_000);
        StalenessReport report = null;
        for (int round = 0; round < 5; round++) {
            t0 = System.nanoTime();
            report = new StalenessResolver(graph, snapshot).resolve();
            System.out.printf("staleness: %d assets x %,d partitions after new data in one: %d ms%n", assets, n,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        StalenessReport direct = new StalenessResolver(graph, storage).resolve();
        for (int i = 0; i < assets; i++) {
            assertThat(direct.summary(key(i))).as("asset %d, resolved from storage", i)
                    .isEqualTo(report.summary(key(i)));
        }

        long end = changed + 1;
        assertThat(report.summary(key(0)).stale()).isEqualTo(PartitionSet.empty());
        for (int i = 1; i < assets; i++) {
            if (i % 3 == 2) {
                end = Math.min(n, end + window - 1);
            }
            assertThat(report.summary(key(i)).stale()).as("asset %d", i).isEqualTo(PartitionSet.range(changed, end));
        }
        assertThat(report.staleness(key(2), def.keyAt(changed + 3)).causes()).singleElement()
                .isInstanceOf(StaleCause.UpstreamStale.class);
    }

    private static final java.util.Map<Integer, AssetKey> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private static AssetKey key(int i) {
        return KEYS.computeIfAbsent(i, k -> AssetKey.of("s", "a" + k));
    }

    /** Settles the test data into the old generation, so that the timings measure staleness, not its setup. */
    private static void settle() {
        System.gc();
    }
}
