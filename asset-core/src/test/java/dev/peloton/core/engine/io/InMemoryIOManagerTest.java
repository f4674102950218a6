package dev.peloton.core.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.InputContext;
import dev.peloton.core.OutputContext;
import dev.peloton.core.PartitionsDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class InMemoryIOManagerTest {

    private static final AssetKey STAGE = AssetKey.parse("tdf/stage");
    private static final AssetKey GC = AssetKey.parse("tdf/gc");
    private static final PartitionsDefinition STAGES = PartitionsDefinition.staticKeys("s1", "s2", "s3");

    private final InMemoryIOManager io = new InMemoryIOManager();

    private void store(List<String> keys, Object value) {
        io.store(new OutputContext(STAGE, STAGES, keys, "run"), value);
    }

    private Object load(List<String> keys, Class<?> type) {
        return io.load(new InputContext(STAGE, STAGES, keys, type, GC));
    }

    @Test
    void storesAndLoadsOneValuePerPartition() {
        store(List.of("s1"), 10);
        store(List.of("s2"), 20);
        assertThat(load(List.of("s2"), Integer.class)).isEqualTo(20);
        assertThat(load(List.of("s1"), int.class)).isEqualTo(10);
        assertThat(io.values(STAGE)).containsOnly(Map.entry("s1", 10), Map.entry("s2", 20));
    }

    @Test
    void severalPartitionsLoadAsAMapInPartitionOrderWhenTheParameterIsAMap() {
        store(List.of("s3"), 30);
        store(List.of("s1"), 10);
        @SuppressWarnings("unchecked")
        Map<String, Object> loaded = (Map<String, Object>) load(List.of("s1", "s3"), Map.class);
        assertThat(loaded).containsExactly(Map.entry("s1", 10), Map.entry("s3", 30));
        assertThat(load(List.of("s1", "s3"), Object.class)).isEqualTo(loaded);
        assertThat(load(List.of("s1"), Map.class)).isEqualTo(Map.of("s1", 10));
    }

    @Test
    void severalPartitionsIntoASingleValueParameterIsAClearError() {
        store(List.of("s1", "s2"), "same");
        assertThatThrownBy(() -> load(List.of("s1", "s2"), String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tdf/gc' reads 2 partitions of asset 'tdf/stage'")
                .hasMessageContaining("Map<String, ?>");
    }

    @Test
    void aMapParameterOfAnUnbuildableTypeIsAClearError() {
        store(List.of("s1"), 1);
        assertThatThrownBy(() -> load(List.of("s1"), TreeMap.class))
                .hasMessageContaining("java.util.TreeMap").hasMessageContaining("Map<String, ?>");
    }

    @Test
    void aRangeValueKeyedByItsPartitionsIsSplitOtherwiseKeptWhole() {
        Map<String, Object> byKey = new LinkedHashMap<>();
        byKey.put("s1", "a");
        byKey.put("s2", "b");
        store(List.of("s1", "s2"), byKey);
        assertThat(load(List.of("s2"), String.class)).isEqualTo("b");

        Map<String, Object> other = Map.of("total", 3);
        store(List.of("s2", "s3"), other);
        assertThat(load(List.of("s3"), Map.class)).isEqualTo(Map.of("s3", other));
        assertThat(io.get(STAGE, "s2")).isEqualTo(other);
    }

    @Test
    void nullValuesAreStoredAndLoaded() {
        store(List.of("s1"), null);
        assertThat(io.contains(STAGE, "s1")).isTrue();
        assertThat(load(List.of("s1"), String.class)).isNull();
    }

    @Test
    void loadingAMissingValueNamesTheAssetAndPartition() {
        store(List.of("s1"), 1);
        assertThatThrownBy(() -> load(List.of("s2"), Integer.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asset 'tdf/stage' partition 's2'")
                .hasMessageContaining("stored partitions: [s1]");
        assertThatThrownBy(() -> io.load(new InputContext(GC, PartitionsDefinition.none(), List.of(""), Object.class,
                STAGE)))
                .hasMessageContaining("No value of asset 'tdf/gc' in the in-memory IO manager")
                .hasMessageContaining("nothing is stored");
    }

    @Test
    void aValueOfTheWrongTypeIsAClearError() {
        store(List.of("s1"), "text");
        assertThatThrownBy(() -> load(List.of("s1"), Integer.class))
                .hasMessageContaining("java.lang.String").hasMessageContaining("java.lang.Integer")
                .hasMessageContaining("'tdf/gc'");
    }

    @Test
    void storingForNoPartitionIsRejected() {
        assertThatThrownBy(() -> store(List.of(), 1)).hasMessageContaining("asset 'tdf/stage'")
                .hasMessageContaining("no partition");
    }

    @Test
    void anUnpartitionedMapValueLoadsAsItself() {
        Map<String, Integer> value = Map.of("a", 1);
        io.store(new OutputContext(GC, PartitionsDefinition.none(), List.of(""), "run"), value);
        assertThat(io.load(new InputContext(GC, PartitionsDefinition.none(), List.of(""), Map.class, STAGE)))
                .isSameAs(value);
    }
}
