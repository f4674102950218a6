package dev.peloton.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.AssetStateStorageContract;
import dev.peloton.core.engine.state.FailureRecord;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL storage meets the storage contract, and keeps history and statuses besides. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresAssetStateStorageTest extends AssetStateStorageContract {

    private static final Instant T = Instant.parse("2024-07-04T12:00:00Z");

    private final TestDatabase db;
    private PostgresAssetStateStorage postgres;

    PostgresAssetStateStorageTest(TestDatabase db) {
        this.db = db;
    }

    @Override
    protected AssetStateStorage newStorage() {
        db.truncate("asset_partition_state", "materializations");
        postgres = new PostgresAssetStateStorage(db.dataSource());
        return postgres;
    }

    private static MaterializationRecord record(String partition, String dataVersion, String runId) {
        return new MaterializationRecord(RESULTS, partition, dataVersion, "code-1", Map.of(), runId, T);
    }

    @Test
    void everyMaterializationIsKeptInHistoryNewestFirst() {
        postgres.recordMaterialization(record("p", "dv-1", "run-1"));
        postgres.recordMaterialization(record("p", "dv-2", "run-2"));
        postgres.recordMaterialization(record("q", "dv-q", "run-3"));
        postgres.recordMaterialization(record("p", "dv-3", "run-4"));

        assertThat(postgres.history(RESULTS, "p", 10)).extracting(MaterializationRecord::dataVersion)
                .containsExactly("dv-3", "dv-2", "dv-1");
        assertThat(postgres.history(RESULTS, "p", 2)).extracting(MaterializationRecord::dataVersion)
                .containsExactly("dv-3", "dv-2");
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM materializations", Long.class)).isEqualTo(4);
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM asset_partition_state", Long.class)).isEqualTo(2);
    }

    @Test
    void stateRowPointsAtItsHistoryRow() {
        postgres.recordMaterialization(record("p", "dv-1", "run-1"));
        postgres.recordMaterialization(record("p", "dv-2", "run-2"));

        String dataVersionOfPointedRow = db.jdbc().queryForObject("""
                SELECT m.data_version FROM asset_partition_state s
                JOIN materializations m ON m.id = s.materialization_id
                WHERE s.asset_key = 'warehouse/stage_results' AND s.partition_key = 'p'""", String.class);
        assertThat(dataVersionOfPointedRow).isEqualTo("dv-2");
    }

    @Test
    void materializationWithoutTimestampGetsTheDatabaseTime() {
        Instant before = Instant.now().minusSeconds(60);
        postgres.recordMaterialization(new MaterializationRecord(RESULTS, "p", "dv", "c", Map.of(), null, null));

        MaterializationRecord stored = postgres.latest(RESULTS, "p").orElseThrow();
        assertThat(stored.timestamp()).isAfter(before);
        assertThat(stored.runId()).isNull();
    }

    @Test
    void statusesAnswerMaterializedFailedAndInProgressPerAsset() {
        postgres.recordMaterialization(record("2024-07-01", "dv", "run-1"));
        postgres.recordMaterialization(record("2024-07-02", "dv", "run-1"));
        postgres.recordMaterialization(record("2024-07-03", "dv", "run-1"));
        postgres.recordFailure(new FailureRecord(RESULTS, "2024-07-02", "run-2", "boom", T));
        postgres.recordFailure(new FailureRecord(RESULTS, "2024-07-09", "run-2", "boom", T));
        postgres.recordInProgress(RESULTS, List.of("2024-07-03", "2024-07-04"), "run-3");
        postgres.recordMaterialization(new MaterializationRecord(STAGES, "2024-07-05", "dv", "c", Map.of(), "r", T));

        assertThat(postgres.partitionKeysWithStatus(RESULTS, AssetPartitionStatus.MATERIALIZED))
                .containsExactly("2024-07-01");
        assertThat(postgres.partitionKeysWithStatus(RESULTS, AssetPartitionStatus.FAILED))
                .containsExactly("2024-07-02", "2024-07-09");
        assertThat(postgres.partitionKeysWithStatus(RESULTS, AssetPartitionStatus.IN_PROGRESS))
                .containsExactly("2024-07-03", "2024-07-04");
        assertThat(postgres.countByStatus(RESULTS)).containsExactlyInAnyOrderEntriesOf(Map.of(
                AssetPartitionStatus.MATERIALIZED, 1L,
                AssetPartitionStatus.FAILED, 2L,
                AssetPartitionStatus.IN_PROGRESS, 2L));
        // In progress does not hide the last materialization from the planner.
        assertThat(postgres.latest(RESULTS, "2024-07-03")).map(MaterializationRecord::dataVersion).contains("dv");
    }

    @Test
    void theRunsOwnOutcomeClearsItsInProgressMark() {
        postgres.recordInProgress(RESULTS, List.of("a", "b", "c"), "run-3");
        postgres.recordMaterialization(record("a", "dv-a", "run-3"));
        postgres.recordFailure(new FailureRecord(RESULTS, "b", "run-3", "boom", T));
        // Another run's outcome leaves run-3's mark alone.
        postgres.recordMaterialization(record("c", "dv-c", "run-other"));

        assertThat(postgres.partitionKeysWithStatus(RESULTS, AssetPartitionStatus.IN_PROGRESS)).containsExactly("c");
        assertThat(postgres.clearInProgress("run-3")).isEqualTo(1);
        assertThat(postgres.countByStatus(RESULTS)).containsExactlyInAnyOrderEntriesOf(Map.of(
                AssetPartitionStatus.MATERIALIZED, 2L,
                AssetPartitionStatus.FAILED, 1L));
    }

    @Test
    void aPartitionStartedButNeverFinishedIsNone() {
        postgres.recordInProgress(RESULTS, List.of("a"), "run-1");
        postgres.clearInProgress("run-1");

        assertThat(postgres.partitionKeysWithStatus(RESULTS, AssetPartitionStatus.NONE)).containsExactly("a");
        assertThat(postgres.latest(RESULTS, "a")).isEmpty();
    }

    @Test
    void historyRejectsANonPositiveLimit() {
        assertThatThrownBy(() -> postgres.history(RESULTS, "p", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be at least 1, got 0");
    }

    @Test
    void forEachLatestStreamsManyPartitions() {
        List<String> keys = java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> "p" + i).toList();
        db.jdbc().update("""
                INSERT INTO asset_partition_state (asset_key, partition_key, data_version, code_version,
                       input_data_versions, materialized_at)
                SELECT 'many', 'p' || i, 'dv' || i, 'c', '{"raw/stages": "v"}'::jsonb, now()
                FROM generate_series(0, 4999) AS i""");
        List<String> seen = new java.util.ArrayList<>();
        postgres.forEachLatest(AssetKey.of("many"), r -> {
            assertThat(r.inputDataVersions()).containsEntry(STAGES, "v");
            seen.add(r.partitionKey());
        });

        assertThat(seen).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void bulkReadsAnswerWhatTheQueriesPerAssetAnswer() {
        AssetKey other = AssetKey.of("other");
        AssetKey untouched = AssetKey.of("untouched");
        postgres.recordMaterialization(record("a", "dv-a", "run-1"));
        postgres.recordMaterialization(record("b", "dv-b", "run-1"));
        postgres.recordMaterialization(new MaterializationRecord(STAGES, "a", "dv-s", "c", Map.of(), "r", T));
        postgres.recordMaterialization(new MaterializationRecord(other, "x", "dv-o", "c", Map.of(), "r", T));
        postgres.recordFailure(new FailureRecord(RESULTS, "b", "run-2", "boom", T));
        postgres.recordFailure(new FailureRecord(STAGES, "z", "run-2", "boom", T));
        postgres.recordInProgress(STAGES, List.of("y"), "run-3");

        List<AssetKey> asked = List.of(RESULTS, STAGES, untouched);
        List<String> bulk = new java.util.ArrayList<>();
        postgres.forEachLatestOf(asked, r -> bulk.add(r.asset() + ":" + r.partitionKey() + "=" + r.dataVersion()));
        List<String> oneByOne = new java.util.ArrayList<>();
        for (AssetKey a : asked) {
            postgres.forEachLatest(a, r -> oneByOne.add(r.asset() + ":" + r.partitionKey() + "=" + r.dataVersion()));
        }
        assertThat(bulk).containsExactlyInAnyOrderElementsOf(oneByOne)
                .containsExactlyInAnyOrder("warehouse/stage_results:a=dv-a", "warehouse/stage_results:b=dv-b",
                        "raw/stages:a=dv-s");
        // (RESULTS:b failed after its materialization: the materialization stays its latest.)
        assertThat(bulk).doesNotContain("other:x=dv-o");
        postgres.forEachLatestOf(List.of(), r -> {
            throw new AssertionError("nothing asked, nothing read: " + r);
        });

        for (AssetPartitionStatus status : AssetPartitionStatus.values()) {
            Map<AssetKey, List<String>> byAsset = postgres.partitionKeysWithStatus(asked, status);
            for (AssetKey a : asked) {
                List<String> one = postgres.partitionKeysWithStatus(a, status);
                assertThat(byAsset.getOrDefault(a, List.of())).as(a + " " + status).isEqualTo(one);
            }
            assertThat(byAsset).doesNotContainKey(other);
        }
        assertThat(postgres.partitionKeysWithStatus(asked, AssetPartitionStatus.FAILED))
                .containsOnlyKeys(RESULTS, STAGES);
    }
}
