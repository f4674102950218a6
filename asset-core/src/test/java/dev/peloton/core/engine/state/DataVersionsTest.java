package dev.peloton.core.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.InvalidPartitionKeyException;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetDependency;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.testing.Materializer;
import dev.peloton.core.engine.testing.TestMappings;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataVersionsTest {

    @Test
    void oneUpstreamPartitionIsItsOwnVersionAndMissingIsNamed() {
        assertThat(DataVersions.inputDataVersion(PartitionSet.of(3), i -> i == 3 ? "v7" : null)).isEqualTo("v7");
        assertThat(DataVersions.inputDataVersion(PartitionSet.of(2), i -> null)).isEqualTo(DataVersions.MISSING);
    }

    @Test
    void severalOrNoPartitionsCombineAsASumOfPartitionHashes() {
        String[] v = {"a", null, "c"};
        long sum = DataVersions.partitionHash(0, "a") + DataVersions.partitionHash(1, DataVersions.MISSING)
                + DataVersions.partitionHash(2, "c");
        assertThat(DataVersions.inputDataVersion(PartitionSet.range(0, 3), i -> v[(int) i]))
                .isEqualTo(DataVersions.combinedFromSum(sum, 3));
        assertThat(DataVersions.inputDataVersion(PartitionSet.empty(), i -> "x"))
                .isEqualTo(DataVersions.combinedFromSum(0, 0));
    }

    @Test
    void theSameVersionsAtOtherIndicesCombineDifferently() {
        // Shifting a window must change its version even when the values repeat.
        String[] v = {"x", "x", "x", "x"};
        assertThat(DataVersions.inputDataVersion(PartitionSet.range(0, 2), i -> v[(int) i]))
                .isNotEqualTo(DataVersions.inputDataVersion(PartitionSet.range(1, 3), i -> v[(int) i]));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void prefixSumsGiveTheSameVersionAsTheWalk(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] versions = new String[300];
        for (int i = 0; i < versions.length; i++) {
            versions[i] = rnd.nextInt(4) == 0 ? null : "v" + rnd.nextInt(5);
        }
        PartitionVersions pv = PartitionVersions.of(versions);
        for (int round = 0; round < 200; round++) {
            PartitionSet.Builder b = PartitionSet.builder();
            int at = rnd.nextInt(20);
            while (at < 320) {
                int len = rnd.nextInt(1, 30);
                b.addRange(at, at + len);
                at += len + rnd.nextInt(1, 40);
            }
            PartitionSet read = rnd.nextBoolean() ? b.build() : PartitionSet.of(rnd.nextInt(330));
            String walk = DataVersions.inputDataVersion(read, i -> i < versions.length ? versions[(int) i] : null);
            assertThat(pv.inputDataVersion(read)).as("seed %d, read %s", seed, read).isEqualTo(walk);
            assertThat(pv.matches(walk, read)).as("seed %d, read %s", seed, read).isTrue();
            assertThat(pv.matches(walk + "0", read)).as("seed %d", seed).isFalse();
            assertThat(pv.inputFingerprint(read)).as("seed %d, read %s", seed, read)
                    .isEqualTo(DataVersions.fingerprint(walk));
        }
    }

    @Test
    void combinedVersionsMatchOnlyTheirCanonicalText() {
        long sum = 0xabcL;
        assertThat(DataVersions.isCombinedFromSum(DataVersions.combinedFromSum(sum, 12), sum, 12)).isTrue();
        assertThat(DataVersions.isCombinedFromSum(DataVersions.combinedFromSum(-1L, 0), -1L, 0)).isTrue();
        assertThat(DataVersions.isCombinedFromSum(DataVersions.combinedFromSum(0, 10), 0, 10)).isTrue();
        assertThat(DataVersions.isCombinedFromSum("sum:012:abc", sum, 12)).isFalse();
        assertThat(DataVersions.isCombinedFromSum("sum:12:ABC", sum, 12)).isFalse();
        assertThat(DataVersions.isCombinedFromSum("sum:12:0abc", sum, 12)).isFalse();
        assertThat(DataVersions.isCombinedFromSum("sum:13:abc", sum, 12)).isFalse();
        assertThat(DataVersions.isCombinedFromSum("abc", sum, 12)).isFalse();
        assertThat(DataVersions.isCombinedFromSum("sum:12", sum, 12)).isFalse();
        assertThat(DataVersions.isCombinedFromSum(null, sum, 12)).isFalse();
    }

    @Test
    void fingerprintsAreAFunctionOfTheTextThatSumsCanBuildWithoutText() {
        assertThat(DataVersions.fingerprint(DataVersions.combinedFromSum(0xfeedL, 17)))
                .isEqualTo(DataVersions.combinedFingerprint(0xfeedL, 17));
        assertThat(DataVersions.fingerprint(DataVersions.combinedFromSum(-5L, 0)))
                .isEqualTo(DataVersions.combinedFingerprint(-5L, 0));
        assertThat(DataVersions.fingerprint("sum:017:feed")).as("not the canonical text")
                .isNotEqualTo(DataVersions.combinedFingerprint(0xfeedL, 17));
        assertThat(DataVersions.fingerprint("sum:x:feed")).isEqualTo(DataVersions.fingerprint("sum:x:feed"));
        assertThat(DataVersions.fingerprint("v1")).isNotEqualTo(DataVersions.fingerprint("v2"))
                .isNotEqualTo(DataVersions.fingerprint(DataVersions.MISSING));
    }

    @Test
    void inputDataVersionsCoverEveryUpstreamOnceWithTheUnionOfItsEdges() {
        PartitionsDefinition days = PartitionsDefinition.staticKeys("d0", "d1", "d2", "d3");
        AssetDefinition raw = AssetDefinition.builder("raw").partitions(days).build();
        AssetDefinition ref = AssetDefinition.builder("ref").build();
        AssetDefinition out = AssetDefinition.builder("out").partitions(days)
                .input("raw")
                .dependency(AssetDependency.input(AssetKey.of("raw"), "yesterday", Object.class)
                        .withMapping(TestMappings.previous()))
                .deps("ref")
                .build();
        AssetGraph graph = AssetGraph.of(List.of(raw, ref, out));
        InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
        Materializer m = new Materializer(storage);
        IntStream.range(0, 4).forEach(i -> m.materialize(graph, "raw", "d" + i, "r" + i));
        m.materialize(graph, "ref", "", "R");

        Map<AssetKey, String> inputs = DataVersions.inputDataVersions(graph, AssetKey.of("out"), "d2", storage);

        assertThat(inputs).containsOnlyKeys(AssetKey.of("raw"), AssetKey.of("ref"));
        assertThat(inputs.get(AssetKey.of("ref"))).isEqualTo("R");
        String[] raws = {"r0", "r1", "r2", "r3"};
        assertThat(inputs.get(AssetKey.of("raw")))
                .isEqualTo(DataVersions.inputDataVersion(PartitionSet.range(1, 3), i -> raws[(int) i]));
        assertThat(DataVersions.inputDataVersions(graph, AssetKey.of("out"), "d0", storage).get(AssetKey.of("raw")))
                .as("the first day reads only its own partition")
                .isEqualTo("r0");
        assertThat(DataVersions.deriveFor(graph, AssetKey.of("out"), "d2", storage))
                .isEqualTo(DataVersions.derive("1", inputs));
    }

    @Test
    void inputDataVersionsRejectABadPartitionKey() {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("a")
                .partitions(PartitionsDefinition.staticKeys("x", "y")).build()));
        assertThatThrownBy(() -> DataVersions.inputDataVersions(graph, AssetKey.of("a"), "z",
                new InMemoryAssetStateStorage()))
                .isInstanceOf(InvalidPartitionKeyException.class)
                .hasMessageContaining("'z'").hasMessageContaining("asset a");
    }

    @Test
    void derivedVersionsDependOnCodeAndInputsButNotOnMapOrder() {
        Map<AssetKey, String> one = Map.of(AssetKey.of("a"), "1", AssetKey.of("b"), "2");
        assertThat(DataVersions.derive("1", one)).isEqualTo(DataVersions.derive("1",
                new java.util.TreeMap<>(one).descendingMap()));
        assertThat(DataVersions.derive("2", one)).isNotEqualTo(DataVersions.derive("1", one));
        assertThat(DataVersions.derive("1", Map.of(AssetKey.of("a"), "1"))).isNotEqualTo(DataVersions.derive("1", one));
    }
}
