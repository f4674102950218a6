package dev.peloton.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiPartitionsTest {

    private static final StaticPartitions STAGES = PartitionsDefinition.staticKeys("1", "2", "3");
    private static final StaticPartitions JERSEYS = PartitionsDefinition.staticKeys("yellow", "green");

    private static MultiPartitions threeDimensions(DynamicPartitions riders) {
        return PartitionsDefinition.multi().dimension("stage", STAGES).dimension("jersey", JERSEYS)
                .dimension("rider", riders).build();
    }

    @Test
    void keysJoinDimensionKeysInDeclaredOrderAndIndicesAreMixedRadix() {
        DynamicPartitions riders = PartitionsDefinition.dynamic("riders");
        riders.addKeys("pogacar", "vingegaard", "yates", "pidcock");
        MultiPartitions multi = threeDimensions(riders);
        assertThat(multi.size()).isEqualTo(3 * 2 * 4);
        assertThat(multi.dimensionNames()).containsExactly("stage", "jersey", "rider");
        List<String> expected = new ArrayList<>();
        for (String s : STAGES.keys()) {
            for (String j : JERSEYS.keys()) {
                for (String r : riders.keys()) {
                    expected.add(s + "|" + j + "|" + r);
                }
            }
        }
        assertThat(multi.keys(multi.all())).containsExactlyElementsOf(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(multi.indexOf(expected.get(i))).isEqualTo(i);
        }
        assertThat(multi.key("2", "green", "yates")).isEqualTo("2|green|yates");
        assertThat(multi.dimensionKey("2|green|yates", "jersey")).isEqualTo("green");
        assertThat(multi.indexOf("2|green")).isEqualTo(-1);
        assertThat(multi.indexOf("2|green|yates|x")).isEqualTo(-1);
        assertThat(multi.indexOf(null)).isEqualTo(-1);
    }

    @Test
    void parseErrorsNameTheDimensionAtFault() {
        DynamicPartitions riders = PartitionsDefinition.dynamic("riders");
        riders.addKeys("pogacar");
        MultiPartitions multi = threeDimensions(riders);
        AssetKey asset = AssetKey.of("rider_jerseys");
        assertThatThrownBy(() -> multi.requireIndex(asset, "2|pink|pogacar"))
                .isInstanceOf(InvalidPartitionKeyException.class)
                .hasMessageStartingWith("Partition key '2|pink|pogacar' is not a partition of asset rider_jerseys:"
                        + " dimension 'jersey' has no key 'pink'. Valid keys are 6 keys stage|jersey|rider combining"
                        + " stage: 3 static keys [1, 2, 3]; jersey: 2 static keys [yellow, green]; rider: 1 key of"
                        + " dynamic partitions 'riders' [pogacar]");
        assertThatThrownBy(() -> multi.requireIndex(asset, "2|yellow|merckx"))
                .hasMessageContaining("dimension 'rider' has no key 'merckx': it has not been added");
        assertThatThrownBy(() -> multi.requireIndex(asset, "2|yellow"))
                .hasMessageContaining("it has 2 parts but keys have 3, stage|jersey|rider");
        assertThatThrownBy(() -> multi.key("2", "yellow")).hasMessageContaining("needs 3 dimension keys (stage, jersey, rider), got 2");
        assertThatThrownBy(() -> multi.dimensionKey("2|yellow|pogacar", "team"))
                .hasMessageContaining("'team' is not a dimension of").hasMessageContaining("[stage, jersey, rider]");
    }

    @Test
    void timeWindowDimensionsExplainTheirOwnErrors() {
        TimeWindowPartitions days = PartitionsDefinition.daily("2023-07-01", "2023-07-23").excluding("2023-07-10");
        LinkedHashMap<String, PartitionsDefinition> dims = new LinkedHashMap<>();
        dims.put("date", days);
        dims.put("stage_type", PartitionsDefinition.staticKeys("flat", "mountain", "itt"));
        MultiPartitions multi = PartitionsDefinition.multi(dims);
        assertThat(multi.size()).isEqualTo(22 * 3);
        assertThat(multi.keyAt(4)).isEqualTo("2023-07-02|mountain");
        assertThatThrownBy(() -> multi.requireIndex(null, "2023-7-2|flat"))
                .hasMessageContaining("dimension 'date' has no key '2023-7-2': it does not match the key format yyyy-MM-dd");
        assertThatThrownBy(() -> multi.requireIndex(null, "2023-07-10|flat"))
                .hasMessageContaining("dimension 'date' has no key '2023-07-10': it is excluded");
    }

    @Test
    void dimensionsMustBeSingleDimensionalWithKeysFreeOfTheSeparator() {
        assertThatThrownBy(() -> PartitionsDefinition.multi().build()).hasMessageContaining("at least one dimension");
        assertThatThrownBy(() -> PartitionsDefinition.multi().dimension("a", PartitionsDefinition.none()).build())
                .hasMessageContaining("Dimension 'a' is unpartitioned");
        MultiPartitions inner = PartitionsDefinition.multi().dimension("x", STAGES).build();
        assertThatThrownBy(() -> PartitionsDefinition.multi().dimension("a", inner).build())
                .hasMessageContaining("Dimension 'a' is multi-dimensional itself: declare its dimensions [x] instead");
        assertThatThrownBy(() -> PartitionsDefinition.multi().dimension("a", STAGES).dimension("a", JERSEYS))
                .hasMessageContaining("Dimension 'a' is declared twice");
        assertThatThrownBy(() -> PartitionsDefinition.multi().dimension("a", PartitionsDefinition.staticKeys("x|y")).build())
                .hasMessageContaining("Dimension 'a' has the key 'x|y', which contains '|'");
        assertThatThrownBy(() -> PartitionsDefinition.multi().dimension("d", PartitionsDefinition.daily("2023-07-01")
                .withKeyFormat("yyyy|MM|dd")).build()).hasMessageContaining("key format 'yyyy|MM|dd', which contains '|'");
        assertThatThrownBy(() -> PartitionsDefinition.multi().dimension(" ", STAGES).build()).hasMessageContaining("no name");
        assertThatThrownBy(() -> PartitionsDefinition.multi().dimension("a", null).build())
                .hasMessageContaining("Dimension 'a' has no partitions definition");
    }

    @Test
    void equalDimensionsInTheSameOrderMakeEqualDefinitions() {
        MultiPartitions a = PartitionsDefinition.multi().dimension("stage", STAGES).dimension("jersey", JERSEYS).build();
        MultiPartitions b = PartitionsDefinition.multi().dimension("stage", PartitionsDefinition.staticKeys("1", "2", "3"))
                .dimension("jersey", JERSEYS).build();
        MultiPartitions swapped = PartitionsDefinition.multi().dimension("jersey", JERSEYS).dimension("stage", STAGES).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(swapped);
    }

    @Test
    void growingTheFirstDimensionKeepsIndicesStable() {
        DynamicPartitions riders = PartitionsDefinition.dynamic("riders-first");
        riders.addKeys("pogacar");
        MultiPartitions multi = PartitionsDefinition.multi().dimension("rider", riders).dimension("jersey", JERSEYS).build();
        long before = multi.indexOf("pogacar|green");
        riders.addKeys("vingegaard");
        assertThat(multi.size()).isEqualTo(4);
        assertThat(multi.indexOf("pogacar|green")).isEqualTo(before);
        assertThat(multi.keyAt(3)).isEqualTo("vingegaard|green");
    }
}
