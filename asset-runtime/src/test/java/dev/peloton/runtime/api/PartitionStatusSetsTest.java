package dev.peloton.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.staleness.AssetStaleness;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs of equal status, compared with a naive partition-by-partition reference on random statuses. */
class PartitionStatusSetsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1_234, 99_999, 7_777_777})
    void runsMatchANaiveReference(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int size = 1 + random.nextInt(400);
        // Staleness: each partition missing, stale or fresh; plus independent failed and in-progress marks.
        int[] staleness = new int[size];
        boolean[] failed = new boolean[size];
        boolean[] running = new boolean[size];
        int run = 0;
        for (int i = 0; i < size; i++) {
            // Long stretches, as real partitions have.
            if (run-- <= 0) {
                staleness[i] = random.nextInt(3);
                run = random.nextInt(20);
            } else {
                staleness[i] = staleness[i - 1];
            }
            failed[i] = random.nextInt(10) == 0;
            running[i] = random.nextInt(15) == 0;
        }
        AssetStaleness s = new AssetStaleness(AssetKey.parse("a"), PartitionsDefinition.none(), set(staleness, 0),
                set(staleness, 1), set(staleness, 2));
        PartitionStatusSets sets = PartitionStatusSets.of(s, set(failed), set(running));

        PartitionStatus[] expected = new PartitionStatus[size];
        for (int i = 0; i < size; i++) {
            expected[i] = running[i] ? PartitionStatus.IN_PROGRESS : failed[i] ? PartitionStatus.FAILED
                    : switch (staleness[i]) {
                        case 0 -> PartitionStatus.MISSING;
                        case 1 -> PartitionStatus.STALE;
                        default -> PartitionStatus.FRESH;
                    };
        }
        List<String> naive = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= size; i++) {
            if (i == size || expected[i] != expected[start]) {
                naive.add(start + ".." + i + " " + expected[start]);
                start = i;
            }
        }
        List<String> actual = new ArrayList<>();
        for (PartitionStatusSets.StatusRun r : sets.runs()) {
            actual.add(r.start() + ".." + r.end() + " " + r.status());
        }
        assertThat(actual).as("seed %d", seed).isEqualTo(naive);
        long fresh = java.util.Arrays.stream(expected).filter(e -> e == PartitionStatus.FRESH).count();
        assertThat(sets.counts().get(PartitionStatus.FRESH)).as("seed %d", seed).isEqualTo(fresh);
    }

    private static PartitionSet set(int[] values, int wanted) {
        PartitionSet.Builder b = PartitionSet.builder();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == wanted) {
                b.add(i);
            }
        }
        return b.build();
    }

    private static PartitionSet set(boolean[] values) {
        PartitionSet.Builder b = PartitionSet.builder();
        for (int i = 0; i < values.length; i++) {
            if (values[i]) {
                b.add(i);
            }
        }
        return b.build();
    }
}
