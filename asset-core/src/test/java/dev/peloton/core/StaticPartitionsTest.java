package dev.peloton.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StaticPartitionsTest {

    private static final AssetKey JERSEYS = AssetKey.of("tdf", "jersey_standings");

    @Test
    void keysAreIndexedInTheGivenOrder() {
        StaticPartitions jerseys = PartitionsDefinition.staticKeys("yellow", "green", "polka-dot", "white");
        assertThat(jerseys.size()).isEqualTo(4);
        assertThat(jerseys.keyAt(2)).isEqualTo("polka-dot");
        assertThat(jerseys.indexOf("white")).isEqualTo(3);
        assertThat(jerseys.indexOf("pink")).isEqualTo(-1);
        assertThat(jerseys.indexOf(null)).isEqualTo(-1);
        assertThat(jerseys.parse(JERSEYS, List.of("white", "yellow"))).isEqualTo(PartitionSet.of(0, 3));
        assertThat(jerseys.describe()).isEqualTo("4 static keys [yellow, green, polka-dot, white]");
        assertThat(jerseys).isEqualTo(PartitionsDefinition.staticKeys(List.of("yellow", "green", "polka-dot", "white")))
                .isNotEqualTo(PartitionsDefinition.staticKeys("green", "yellow", "polka-dot", "white"));
    }

    @Test
    void badKeysSuggestTheKeyMeant() {
        StaticPartitions jerseys = PartitionsDefinition.staticKeys("yellow", "green");
        assertThatThrownBy(() -> jerseys.requireIndex(JERSEYS, "Yellow "))
                .isInstanceOf(InvalidPartitionKeyException.class)
                .hasMessage("Partition key 'Yellow ' is not a partition of asset tdf/jersey_standings: keys are exact:"
                        + " did you mean 'yellow'? Valid keys are 2 static keys [yellow, green]");
        assertThatThrownBy(() -> jerseys.requireIndex(JERSEYS, "pink"))
                .hasMessage("Partition key 'pink' is not a partition of asset tdf/jersey_standings: valid keys are"
                        + " 2 static keys [yellow, green]");
    }

    @Test
    void longListsAreSummarized() {
        List<String> keys = java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> "stage-" + i).toList();
        assertThat(PartitionsDefinition.staticKeys(keys).describe()).isEqualTo("21 static keys from stage-1 to stage-21");
    }

    @Test
    void invalidDefinitionsAreRejected() {
        assertThatThrownBy(() -> PartitionsDefinition.staticKeys()).hasMessageContaining("at least one key");
        assertThatThrownBy(() -> PartitionsDefinition.staticKeys("a", "b", "a")).hasMessageContaining("'a' is given twice");
        assertThatThrownBy(() -> PartitionsDefinition.staticKeys("a", "")).hasMessageContaining("key 1 is empty");
    }

    @Test
    void unpartitionedIsOnePartitionWithTheEmptyKey() {
        PartitionsDefinition none = PartitionsDefinition.none();
        assertThat(none.isPartitioned()).isFalse();
        assertThat(none.size()).isEqualTo(1);
        assertThat(none.keyAt(0)).isEmpty();
        assertThat(none.indexOf("")).isZero();
        assertThat(none.all()).isEqualTo(PartitionSet.of(0));
        assertThatThrownBy(() -> none.keyAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> none.requireIndex(JERSEYS, "2023-07-01"))
                .hasMessageContaining("valid keys are none (the asset is unpartitioned)");
    }
}
