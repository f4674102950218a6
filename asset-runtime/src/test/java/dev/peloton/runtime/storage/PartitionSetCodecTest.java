package dev.peloton.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.PartitionSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PartitionSetCodecTest {

    @Test
    void encodesRangesInclusivelyAndSingletonsAlone() {
        PartitionSet set = PartitionSet.builder().addRange(0, 365).add(400).addRange(1_000, 1_000_000).build();

        assertThat(PartitionSetCodec.encode(set)).isEqualTo("0-364,400,1000-999999");
        assertThat(PartitionSetCodec.encode(PartitionSet.empty())).isEmpty();
        assertThat(PartitionSetCodec.decode("")).isEqualTo(PartitionSet.empty());
    }

    @Test
    void touchingRangesMergeOnDecode() {
        assertThat(PartitionSetCodec.decode("0-4,5-9")).isEqualTo(PartitionSet.range(0, 10));
    }

    @ParameterizedTest
    @ValueSource(longs = {3L, 17L, 99L})
    void randomSetsRoundTrip(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            TreeSet<Long> reference = new TreeSet<>();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                reference.add((long) random.nextInt(200));
            }
            PartitionSet set = PartitionSet.of(reference.stream().mapToLong(Long::longValue).toArray());
            String text = PartitionSetCodec.encode(set);
            PartitionSet back = PartitionSetCodec.decode(text);

            assertThat(back).as("seed %d round %d: %s", seed, round, text).isEqualTo(set);
            assertThat(back.indices().boxed().toList()).as("seed %d round %d", seed, round)
                    .containsExactlyElementsOf(reference);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5-3|range 1 ('5-3') is invalid: its end is before its start",
        "0-4,a|range 2 ('a') is invalid: expected a partition index",
        "0-4,,7|range 2 ('') is invalid",
        "10,3|range 2 ('3') is invalid: ranges must be in increasing order",
        "0-9,5-12|range 2 ('5-12') is invalid: ranges must be in increasing order",
        "-1|range 1 ('-1') is invalid",
        "1-|range 1 ('1-') is invalid",
        "99999999999999999999|index too large"})
    void badTextIsRefusedNamingTheRange(String text, String message) {
        assertThatThrownBy(() -> PartitionSetCodec.decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid partition set '" + text + "'")
                .hasMessageContaining(message);
    }
}
