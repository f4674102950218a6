package dev.peloton.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyMappingTest {

    private static final StaticPartitions EDITIONS = PartitionsDefinition.staticKeys("2020", "2021", "2022", "2023");

    private static final KeyMapping PREVIOUS_EDITION = KeyMapping.of("previous edition", (edition, down, up) -> {
        String previous = String.valueOf(Integer.parseInt(edition) - 1);
        return up.indexOf(previous) >= 0 ? List.of(previous) : List.of();
    });

    @Test
    void aMappingWrittenPerKeyWorksOnSets() {
        assertThat(EDITIONS.keys(PREVIOUS_EDITION.upstreamOf(EDITIONS.all(), EDITIONS, EDITIONS)))
                .containsExactly("2020", "2021", "2022");
        assertThat(EDITIONS.keys(PREVIOUS_EDITION.downstreamOf(EDITIONS.parse(null, List.of("2021")), EDITIONS, EDITIONS)))
                .containsExactly("2022");
        assertThat(PREVIOUS_EDITION.downstreamOf(PartitionSet.empty(), EDITIONS, EDITIONS)).isEqualTo(PartitionSet.empty());
        assertThat(PREVIOUS_EDITION.describe()).isEqualTo("previous edition");
        assertThat(PREVIOUS_EDITION.incompatibility(EDITIONS, EDITIONS)).isEmpty();
        KeyMapping plain = (key, down, up) -> List.of(key);
        assertThat(plain.describe()).isEqualTo("custom key mapping");
    }

    @Test
    void keysThatAreNotUpstreamKeysAreErrorsNamingTheMapping() {
        KeyMapping typo = KeyMapping.of("typo", (key, down, up) -> List.of(key + "!"));
        assertThatThrownBy(() -> typo.upstreamOf(PartitionSet.of(1), EDITIONS, EDITIONS))
                .isInstanceOf(InvalidPartitionKeyException.class)
                .hasMessage("Partition mapping 'typo' maps downstream key '2021' to '2021!', which is not a key of the"
                        + " upstream: valid keys are 4 static keys [2020, 2021, 2022, 2023]");
        KeyMapping broken = KeyMapping.of("broken", (key, down, up) -> null);
        assertThatThrownBy(() -> broken.upstreamOf(PartitionSet.of(0), EDITIONS, EDITIONS))
                .hasMessageContaining("'broken' returned null for downstream key '2020'");
        assertThatThrownBy(() -> KeyMapping.of(" ", (key, down, up) -> List.of()))
                .hasMessageContaining("needs a description");
    }
}
