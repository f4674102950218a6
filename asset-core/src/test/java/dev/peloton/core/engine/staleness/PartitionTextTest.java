package dev.peloton.core.engine.staleness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionTextTest {

    private static final PartitionsDefinition KEYS = PartitionsDefinition.staticKeys(
            IntStream.range(0, 30).mapToObj(i -> "k" + i).toList());

    @Test
    void rangesAreWrittenFirstToLastAndLongSetsAreCounted() {
        assertThat(PartitionText.of(KEYS, PartitionSet.of(3))).isEqualTo("k3");
        assertThat(PartitionText.of(KEYS, PartitionSet.range(2, 6).union(PartitionSet.of(9))))
                .isEqualTo("k2..k5, k9");
        assertThat(PartitionText.of(KEYS, PartitionSet.of(0, 2, 4, 6, 8, 10)))
                .isEqualTo("k0, k2, k4, k6 and 2 more ranges (6 partitions in all)");
        assertThat(PartitionText.of(KEYS, PartitionSet.empty())).isEqualTo("none");
        assertThat(PartitionText.of(PartitionsDefinition.none(), PartitionSet.of(0))).isEmpty();
        assertThat(PartitionText.of(KEYS, PartitionSet.of(40))).as("an index the definition lost").isEqualTo("#40");
    }
}
