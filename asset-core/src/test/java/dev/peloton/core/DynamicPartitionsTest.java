package dev.peloton.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynamicPartitionsTest {

    @Test
    void keysAreAppendedWithStableIndices() {
        DynamicPartitions riders = PartitionsDefinition.dynamic("riders");
        assertThat(riders.size()).isZero();
        assertThat(riders.describe()).isEqualTo("no keys yet in dynamic partitions 'riders' (keys are added at run time)");
        assertThat(riders.addKeys("pogacar", "vingegaard")).isEqualTo(PartitionSet.range(0, 2));
        assertThat(riders.addKeys("vingegaard", "yates", "yates", "pidcock")).isEqualTo(PartitionSet.range(2, 4));
        assertThat(riders.addKeys("pogacar")).isEqualTo(PartitionSet.empty());
        assertThat(riders.addKey("pogacar")).isZero();
        assertThat(riders.addKey("evenepoel")).isEqualTo(4);
        assertThat(riders.keys()).containsExactly("pogacar", "vingegaard", "yates", "pidcock", "evenepoel");
        assertThat(riders.indexOf("yates")).isEqualTo(2);
        assertThat(riders.keyAt(3)).isEqualTo("pidcock");
        assertThat(riders.describe()).isEqualTo("5 keys of dynamic partitions 'riders' [pogacar, vingegaard, yates,"
                + " pidcock, evenepoel]");
        assertThatThrownBy(() -> riders.keyAt(5)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("outside 0..4 of dynamic partitions 'riders'");
    }

    @Test
    void invalidKeysAreRejectedAndNothingIsAdded() {
        DynamicPartitions riders = PartitionsDefinition.dynamic("riders");
        assertThatThrownBy(() -> riders.addKeys("ok", "a|b"))
                .hasMessage("Cannot add 'a|b' to dynamic partitions 'riders': it contains '|', which separates the"
                        + " dimensions of multi-dimensional keys");
        assertThat(riders.size()).isZero();
        assertThatThrownBy(() -> riders.addKeys("")).hasMessageContaining("it is empty");
        assertThatThrownBy(() -> riders.addKeys(" pogacar")).hasMessageContaining("white space");
        assertThatThrownBy(() -> riders.addKeys("a,b")).hasMessageContaining("contains ','");
        assertThatThrownBy(() -> riders.addKeys("a..b")).hasMessageContaining("contains '..'");
        assertThatThrownBy(() -> riders.addKeys("a\tb")).hasMessageContaining("control character U+0009 at position 1");
        assertThatThrownBy(() -> riders.addKeys("x".repeat(256))).hasMessageContaining("256 characters long");
        assertThatThrownBy(() -> riders.addKeys(java.util.Arrays.asList("a", null))).hasMessageContaining("Cannot add null");
        assertThatThrownBy(() -> riders.addKey(null)).hasMessageContaining("Cannot add null");
        assertThatThrownBy(() -> PartitionsDefinition.dynamic(" ")).hasMessageContaining("needs a name");
        assertThat(riders.size()).isZero();
    }

    @Test
    void badKeysSayTheyHaveNotBeenAdded() {
        DynamicPartitions riders = PartitionsDefinition.dynamic("riders");
        riders.addKeys("pogacar");
        assertThatThrownBy(() -> riders.requireIndex(AssetKey.of("rider_stats"), "merckx"))
                .hasMessage("Partition key 'merckx' is not a partition of asset rider_stats: it has not been added."
                        + " Valid keys are 1 key of dynamic partitions 'riders' [pogacar]");
        assertThatThrownBy(() -> riders.requireIndex(null, "a|b")).hasMessageContaining("it contains '|'");
    }

    @Test
    void theNameIdentifiesTheDefinition() {
        DynamicPartitions a = PartitionsDefinition.dynamic("riders");
        a.addKeys("x");
        assertThat(a).isEqualTo(PartitionsDefinition.dynamic("riders")).hasSameHashCodeAs(PartitionsDefinition
                .dynamic("riders")).isNotEqualTo(PartitionsDefinition.dynamic("teams"));
    }

    @Test
    void concurrentAddsKeepEveryKeyOnceWithConsistentIndices() throws Exception {
        DynamicPartitions keys = PartitionsDefinition.dynamic("concurrent");
        int threads = 8;
        int perThread = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // Half the keys are shared between threads: adding an existing key must be a no-op.
                        String key = i % 2 == 0 ? "shared-" + i : "t" + id + "-" + i;
                        long index = keys.addKey(key);
                        if (!keys.keyAt(index).equals(key)) {
                            throw new AssertionError("index " + index + " of " + key + " holds " + keys.keyAt(index));
                        }
                        // Readers never see a key whose index is beyond the size.
                        long size = keys.size();
                        long seen = keys.indexOf("shared-0");
                        if (seen >= size) {
                            throw new AssertionError("indexOf " + seen + " >= size " + size);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long expected = (long) threads * perThread / 2 + perThread / 2;
        assertThat(keys.size()).isEqualTo(expected);
        List<String> all = keys.keys();
        assertThat(new HashSet<>(all)).hasSize((int) expected);
        for (int i = 0; i < all.size(); i++) {
            assertThat(keys.indexOf(all.get(i))).isEqualTo(i);
        }
    }
}
