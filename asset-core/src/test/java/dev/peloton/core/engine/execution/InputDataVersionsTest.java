package dev.peloton.core.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.DataVersions;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import dev.peloton.core.engine.state.MaterializationRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputDataVersionsTest {

    /** The rule written out the slow, obvious way: one lookup per upstream partition, no cache, no snapshot. */
    private static String reference(InMemoryAssetStateStorage storage, AssetKey upstream, PartitionsDefinition def,
            long[] read) {
        if (read.length == 1) {
            return storage.latest(upstream, def.keyAt(read[0])).map(MaterializationRecord::dataVersion)
                    .orElse(DataVersions.MISSING);
        }
        long sum = 0;
        for (long index : read) {
            String version = storage.latest(upstream, def.keyAt(index)).map(MaterializationRecord::dataVersion)
                    .orElse(DataVersions.MISSING);
            sum += DataVersions.partitionHash(index, version);
        }
        return DataVersions.combinedFromSum(sum, read.length);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17, 4242, 90210})
    void combinedVersionsMatchTheReferenceForRandomSetsAndStates(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int size = 1 + random.nextInt(120);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            keys.add("p" + i);
        }
        PartitionsDefinition def = PartitionsDefinition.staticKeys(keys);
        AssetKey upstream = AssetKey.of("up");
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        for (int i = 0; i < size; i++) {
            if (random.nextInt(4) != 0) {
                storage.recordMaterialization(new MaterializationRecord(upstream, keys.get(i),
                        "v" + random.nextInt(5), "1", Map.of(), "run", Instant.EPOCH));
            }
        }
        InputDataVersions versions = new InputDataVersions(storage);
        for (int round = 0; round < 40; round++) {
            PartitionSet.Builder b = PartitionSet.builder();
            List<Long> picked = new ArrayList<>();
            for (long i = 0; i < size; i++) {
                if (random.nextInt(3) == 0) {
                    b.add(i);
                    picked.add(i);
                }
            }
            PartitionSet set = b.build();
            long[] read = picked.stream().mapToLong(Long::longValue).toArray();
            assertThat(versions.combined(upstream, def, set))
                    .as("seed %d, round %d, set %s", seed, round, set)
                    .isEqualTo(reference(storage, upstream, def, read));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7})
    void perPartitionInputVersionsUnionEdgesFromTheSameUpstream(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PartitionsDefinition days = PartitionsDefinition.staticKeys("d1", "d2", "d3", "d4");
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("up").partitions(days).build(),
                AssetDefinition.builder("flat").build(),
                AssetDefinition.builder("down").partitions(days)
                        .input("up", PartitionMappings.identity())
                        .deps("flat")
                        .build()));
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        for (String k : List.of("d1", "d2", "d3", "d4")) {
            if (random.nextBoolean()) {
                storage.recordMaterialization(new MaterializationRecord(AssetKey.of("up"), k, "u" + random.nextInt(9),
                        "1", Map.of(), "r", Instant.EPOCH));
            }
        }
        storage.recordMaterialization(new MaterializationRecord(AssetKey.of("flat"), "", "f1", "1", Map.of(), "r",
                Instant.EPOCH));
        int down = graph.indexOf(AssetKey.of("down"));
        for (long p = 0; p < 4; p++) {
            Map<AssetKey, String> inputs = new InputDataVersions(storage).of(graph, down, p);
            assertThat(inputs).as("seed %d partition %d", seed, p).isEqualTo(Map.of(
                    AssetKey.of("up"), reference(storage, AssetKey.of("up"), days, new long[] {p}),
                    AssetKey.of("flat"), "f1"));
        }
    }

    @org.junit.jupiter.api.Test
    void forgetReadsAChangedAssetAgain() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add("k" + i);
        }
        PartitionsDefinition def = PartitionsDefinition.staticKeys(keys);
        AssetKey up = AssetKey.of("up");
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        InputDataVersions versions = new InputDataVersions(storage);
        PartitionSet all = PartitionSet.all(40);
        String before = versions.combined(up, def, all);
        String single = versions.combined(up, def, PartitionSet.of(3));
        storage.recordMaterialization(new MaterializationRecord(up, "k3", "new", "1", Map.of(), "r", Instant.EPOCH));
        assertThat(versions.combined(up, def, all)).as("cached until forgotten").isEqualTo(before);
        versions.forget(up);
        assertThat(versions.combined(up, def, all)).isNotEqualTo(before)
                .isEqualTo(reference(storage, up, def, all.indices().toArray()));
        assertThat(single).isEqualTo(DataVersions.MISSING);
        assertThat(versions.combined(up, def, PartitionSet.of(3))).isEqualTo("new");
    }
}
