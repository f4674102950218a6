package dev.peloton.core.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link AssetStateStorage} must have. A storage implementation's test extends this class
 * and returns a new, empty storage from {@link #newStorage()}.
 *
 * <p>Timestamps are compared exactly, so the records here use microsecond precision: storage may drop finer
 * digits (PostgreSQL keeps microseconds).
 */
public abstract class AssetStateStorageContract {

    protected static final AssetKey STAGES = AssetKey.of("raw", "stages");
    protected static final AssetKey RESULTS = AssetKey.of("warehouse", "stage_results");
    protected static final AssetKey RIDERS = AssetKey.of("riders");
    private static final Instant T0 = Instant.parse("2024-07-04T10:15:30.123456Z");

    protected AssetStateStorage storage;

    /** A new storage holding no state. */
    protected abstract AssetStateStorage newStorage();

    @BeforeEach
    void createStorage() {
        storage = newStorage();
    }

    private static MaterializationRecord materialization(AssetKey asset, String partition, String dataVersion,
            int second) {
        return new MaterializationRecord(asset, partition, dataVersion, "code-1",
                Map.of(STAGES, "stages-v1", RIDERS, "sum:3:abc"), "run-" + second, T0.plusSeconds(second));
    }

    private static FailureRecord failure(AssetKey asset, String partition, String error, int second) {
        return new FailureRecord(asset, partition, "run-" + second, error, T0.plusSeconds(second));
    }

    private List<MaterializationRecord> allLatest(AssetKey asset) {
        List<MaterializationRecord> all = new ArrayList<>();
        storage.forEachLatest(asset, all::add);
        return all;
    }

    @Test
    void emptyStorageKnowsNothing() {
        assertThat(storage.latest(RESULTS, "2024-07-04")).isEmpty();
        assertThat(storage.latestFailure(RESULTS, "2024-07-04")).isEmpty();
        assertThat(allLatest(RESULTS)).isEmpty();
    }

    @Test
    void materializationRoundTripsEveryField() {
        MaterializationRecord record = new MaterializationRecord(RESULTS, "2024-07-04", "dv-1", "code-7",
                Map.of(STAGES, "stages-v9", RIDERS, "sum:31:ffee"), "run-42", T0);
        storage.recordMaterialization(record);

        assertThat(storage.latest(RESULTS, "2024-07-04")).contains(record);
    }

    @Test
    void materializationWithoutInputsRoundTrips() {
        MaterializationRecord record = new MaterializationRecord(STAGES, "", "dv-1", "code-1", Map.of(), "run-1", T0);
        storage.recordMaterialization(record);

        assertThat(storage.latest(STAGES, "")).contains(record);
        assertThat(storage.latest(STAGES, "").orElseThrow().inputDataVersions()).isEmpty();
    }

    @Test
    void newerMaterializationReplacesTheLatestOfItsPartitionOnly() {
        MaterializationRecord first = materialization(RESULTS, "2024-07-04", "dv-1", 1);
        MaterializationRecord other = materialization(RESULTS, "2024-07-05", "dv-other", 2);
        MaterializationRecord second = materialization(RESULTS, "2024-07-04", "dv-2", 3);
        storage.recordMaterialization(first);
        storage.recordMaterialization(other);
        storage.recordMaterialization(second);

        assertThat(storage.latest(RESULTS, "2024-07-04")).contains(second);
        assertThat(storage.latest(RESULTS, "2024-07-05")).contains(other);
    }

    @Test
    void forEachLatestVisitsEachMaterializedPartitionOfTheAssetOnce() {
        storage.recordMaterialization(materialization(RESULTS, "a", "dv-a1", 1));
        storage.recordMaterialization(materialization(RESULTS, "b", "dv-b1", 2));
        storage.recordMaterialization(materialization(RESULTS, "a", "dv-a2", 3));
        storage.recordMaterialization(materialization(RESULTS, "c", "dv-c1", 4));
        storage.recordMaterialization(materialization(STAGES, "a", "dv-stages", 5));
        storage.recordFailure(failure(RESULTS, "never-materialized", "boom", 6));

        assertThat(allLatest(RESULTS)).containsExactlyInAnyOrder(
                materialization(RESULTS, "a", "dv-a2", 3),
                materialization(RESULTS, "b", "dv-b1", 2),
                materialization(RESULTS, "c", "dv-c1", 4));
        assertThat(allLatest(STAGES)).containsExactly(materialization(STAGES, "a", "dv-stages", 5));
        assertThat(allLatest(RIDERS)).isEmpty();
    }

    @Test
    void forEachLatestConsumerMayWriteToTheStorage() {
        storage.recordMaterialization(materialization(STAGES, "a", "dv-a", 1));
        storage.recordMaterialization(materialization(STAGES, "b", "dv-b", 2));

        storage.forEachLatest(STAGES, m -> storage.recordMaterialization(
                materialization(RESULTS, m.partitionKey(), "from-" + m.dataVersion(), 3)));

        assertThat(allLatest(RESULTS)).extracting(MaterializationRecord::dataVersion)
                .containsExactlyInAnyOrder("from-dv-a", "from-dv-b");
    }

    @Test
    void failureIsRecordedAndTheLastMaterializationStays() {
        MaterializationRecord ok = materialization(RESULTS, "2024-07-04", "dv-1", 1);
        storage.recordMaterialization(ok);
        FailureRecord failed = failure(RESULTS, "2024-07-04", "java.io.IOException: disk full", 2);
        storage.recordFailure(failed);

        assertThat(storage.latestFailure(RESULTS, "2024-07-04")).contains(failed);
        assertThat(storage.latest(RESULTS, "2024-07-04")).contains(ok);
        assertThat(storage.latestFailure(RESULTS, "2024-07-05")).isEmpty();
    }

    @Test
    void laterMaterializationClearsTheFailure() {
        storage.recordFailure(failure(RESULTS, "2024-07-04", "boom", 1));
        MaterializationRecord ok = materialization(RESULTS, "2024-07-04", "dv-2", 2);
        storage.recordMaterialization(ok);

        assertThat(storage.latestFailure(RESULTS, "2024-07-04")).isEmpty();
        assertThat(storage.latest(RESULTS, "2024-07-04")).contains(ok);
    }

    @Test
    void laterFailureReplacesTheEarlierOne() {
        storage.recordFailure(failure(RESULTS, "p", "first", 1));
        FailureRecord second = failure(RESULTS, "p", "second", 2);
        storage.recordFailure(second);

        assertThat(storage.latestFailure(RESULTS, "p")).contains(second);
    }

    @Test
    void failureOfANeverMaterializedPartitionIsNoMaterialization() {
        FailureRecord failed = failure(RESULTS, "p", "boom", 1);
        storage.recordFailure(failed);

        assertThat(storage.latest(RESULTS, "p")).isEmpty();
        assertThat(storage.latestFailure(RESULTS, "p")).contains(failed);
        assertThat(allLatest(RESULTS)).isEmpty();
    }

    @Test
    void unpartitionedKeyIsTheEmptyStringAndDistinctFromBlankKeys() {
        MaterializationRecord unpartitioned = materialization(RIDERS, "", "dv-empty", 1);
        MaterializationRecord space = materialization(RIDERS, " ", "dv-space", 2);
        storage.recordMaterialization(unpartitioned);
        storage.recordMaterialization(space);
        storage.recordFailure(failure(RIDERS, " ", "blank failed", 3));

        assertThat(storage.latest(RIDERS, "")).contains(unpartitioned);
        assertThat(storage.latest(RIDERS, " ")).contains(space);
        assertThat(storage.latestFailure(RIDERS, "")).isEmpty();
        assertThat(allLatest(RIDERS)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "it's", "say \"hi\"", "back\\slash", "a/b/c", "/leading", "trailing/", "50%_off", "[x]*",
        "Étape 21 — Paris ⛰", "東京", "🚴‍♀️ peloton", "tab\there", "line\nbreak", "semi;colon -- not sql",
        "{\"json\": true}", "UPPER", "upper"})
    void unusualPartitionKeysRoundTripExactly(String key) {
        MaterializationRecord record = materialization(RESULTS, key, "dv-" + key, 1);
        storage.recordMaterialization(record);
        FailureRecord failed = failure(STAGES, key, "failed at " + key, 2);
        storage.recordFailure(failed);

        assertThat(storage.latest(RESULTS, key)).contains(record);
        assertThat(storage.latestFailure(STAGES, key)).contains(failed);
        assertThat(allLatest(RESULTS)).extracting(MaterializationRecord::partitionKey).containsExactly(key);
    }

    @Test
    void partitionKeysDifferingOnlyInCaseOrNormalizationAreDistinct() {
        List<String> keys = List.of("stage", "Stage", "STAGE", "caf\u00e9", "cafe\u0301", "a/b", "a_b");
        for (int i = 0; i < keys.size(); i++) {
            storage.recordMaterialization(materialization(RESULTS, keys.get(i), "dv-" + i, i));
        }

        for (int i = 0; i < keys.size(); i++) {
            assertThat(storage.latest(RESULTS, keys.get(i))).as(keys.get(i))
                    .map(MaterializationRecord::dataVersion).contains("dv-" + i);
        }
        assertThat(allLatest(RESULTS)).hasSize(keys.size());
    }

    @Test
    void assetKeysThatLookAlikeAreDistinct() {
        AssetKey nested = AssetKey.of("a", "b");
        AssetKey flat = AssetKey.of("a_b");
        AssetKey dotted = AssetKey.of("a.b");
        storage.recordMaterialization(materialization(nested, "", "nested", 1));
        storage.recordMaterialization(materialization(flat, "", "flat", 2));
        storage.recordMaterialization(materialization(dotted, "", "dotted", 3));

        assertThat(storage.latest(nested, "")).map(MaterializationRecord::dataVersion).contains("nested");
        assertThat(storage.latest(flat, "")).map(MaterializationRecord::dataVersion).contains("flat");
        assertThat(storage.latest(dotted, "")).map(MaterializationRecord::dataVersion).contains("dotted");
        assertThat(storage.latest(AssetKey.of("a"), "")).isEmpty();
    }

    @Test
    void longKeysAndVersionsRoundTrip() {
        String key = "k".repeat(2_000);
        String version = "v".repeat(5_000);
        MaterializationRecord record = new MaterializationRecord(RESULTS, key, version, "c".repeat(500),
                Map.of(STAGES, version), "run-1", T0);
        storage.recordMaterialization(record);

        assertThat(storage.latest(RESULTS, key)).contains(record);
    }

    @Test
    void concurrentWritersToDifferentPartitionsAllLand() throws Exception {
        int threads = 8;
        int perThread = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String key = "t" + thread + "-p" + i;
                        storage.recordMaterialization(materialization(RESULTS, key, "dv-" + key, i));
                        if (i % 10 == 0) {
                            storage.recordFailure(failure(RESULTS, key, "failed " + key, i + 1));
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

        Map<String, MaterializationRecord> byKey = new ConcurrentHashMap<>();
        storage.forEachLatest(RESULTS, r -> byKey.put(r.partitionKey(), r));
        assertThat(byKey).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                String key = "t" + t + "-p" + i;
                assertThat(byKey.get(key)).as(key).isEqualTo(materialization(RESULTS, key, "dv-" + key, i));
                assertThat(storage.latestFailure(RESULTS, key).isPresent()).as(key).isEqualTo(i % 10 == 0);
            }
        }
    }

    /**
     * Random sequences of writes compared with a naive model: latest per partition is the last materialization,
     * a failure is visible until the next materialization of its partition.
     */
    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20240704L})
    void randomWritesMatchANaiveModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<AssetKey> assets = List.of(STAGES, RESULTS);
        List<String> partitions = List.of("", "2024-07-01", "2024-07-02", "x'y");
        Map<String, MaterializationRecord> latest = new HashMap<>();
        Map<String, FailureRecord> failures = new HashMap<>();
        for (int step = 0; step < 150; step++) {
            AssetKey asset = assets.get(random.nextInt(assets.size()));
            String partition = partitions.get(random.nextInt(partitions.size()));
            String slot = asset + "|" + partition;
            if (random.nextInt(3) == 0) {
                FailureRecord f = failure(asset, partition, "error " + step, step);
                storage.recordFailure(f);
                failures.put(slot, f);
            } else {
                MaterializationRecord m = materialization(asset, partition, "dv-" + step, step);
                storage.recordMaterialization(m);
                latest.put(slot, m);
                failures.remove(slot);
            }
        }
        for (AssetKey asset : assets) {
            for (String partition : partitions) {
                String slot = asset + "|" + partition;
                assertThat(storage.latest(asset, partition)).as("seed %d, %s", seed, slot)
                        .isEqualTo(Optional.ofNullable(latest.get(slot)));
                assertThat(storage.latestFailure(asset, partition)).as("seed %d, %s", seed, slot)
                        .isEqualTo(Optional.ofNullable(failures.get(slot)));
            }
            List<MaterializationRecord> expected = latest.values().stream()
                    .filter(m -> m.asset().equals(asset)).toList();
            assertThat(allLatest(asset)).as("seed %d, forEachLatest(%s)", seed, asset)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
