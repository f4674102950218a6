package dev.peloton.runtime.storage;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.FailureRecord;
import dev.peloton.core.engine.state.MaterializationRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link AssetStateStorage} in PostgreSQL. Each materialization appends a row to {@code materializations}
 * (history, never dropped) and upserts the partition's row in {@code asset_partition_state}, in one statement;
 * a failure upserts the failure columns of that row. Timestamps are kept to the microsecond.
 */
public final class PostgresAssetStateStorage implements AssetStateStorage {

    private static final int STREAM_FETCH_SIZE = 2_000;
    private static final String LATEST_COLUMNS = "partition_key, data_version, code_version, "
            + "input_data_versions::text AS input_data_versions, materialization_run_id, materialized_at";

    private final Jdbc jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate streamTx;
    private final JsonColumns json = new JsonColumns();

    public PostgresAssetStateStorage(DataSource dataSource) {
        this.jdbc = Jdbc.on(dataSource);
        // pgjdbc only fetches in chunks inside a transaction and with a fetch size; otherwise it loads every row.
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(STREAM_FETCH_SIZE);
        // Not read-only: a consumer may write (to other partitions) while the rows stream.
        this.streamTx = jdbc.tx();
    }

    @Override
    public Optional<MaterializationRecord> latest(AssetKey asset, String partitionKey) {
        requireKeys(asset, partitionKey);
        return jdbc.client().sql("SELECT " + LATEST_COLUMNS + " FROM asset_partition_state"
                        + " WHERE asset_key = :asset AND partition_key = :partition AND data_version IS NOT NULL")
                .param("asset", asset.toString())
                .param("partition", partitionKey)
                .query((rs, n) -> materialization(rs, asset))
                .optional();
    }

    @Override
    public void forEachLatest(AssetKey asset, Consumer<MaterializationRecord> consumer) {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(consumer, "consumer");
        streamTx.executeWithoutResult(status -> streaming.query(
                "SELECT " + LATEST_COLUMNS + " FROM asset_partition_state"
                        + " WHERE asset_key = ? AND data_version IS NOT NULL",
                rs -> {
                    consumer.accept(materialization(rs, asset));
                },
                asset.toString()));
    }

    @Override
    public void recordMaterialization(MaterializationRecord record) {
        Objects.requireNonNull(record, "record");
        // One statement, so history and latest state change together or not at all.
        jdbc.client().sql("""
                        WITH history AS (
                            INSERT INTO materializations (asset_key, partition_key, data_version, code_version,
                                                          input_data_versions, run_id, materialized_at)
                            VALUES (:asset, :partition, :dataVersion, :codeVersion, CAST(:inputs AS jsonb), :runId,
                                    COALESCE(CAST(:at AS timestamptz), clock_timestamp()))
                            RETURNING id, materialized_at
                        )
                        INSERT INTO asset_partition_state AS s (asset_key, partition_key, data_version, code_version,
                               input_data_versions, materialization_run_id, materialized_at, materialization_id)
                        SELECT :asset, :partition, :dataVersion, :codeVersion, CAST(:inputs AS jsonb), :runId,
                               history.materialized_at, history.id
                        FROM history
                        ON CONFLICT (asset_key, partition_key) DO UPDATE SET
                            data_version = EXCLUDED.data_version,
                            code_version = EXCLUDED.code_version,
                            input_data_versions = EXCLUDED.input_data_versions,
                            materialization_run_id = EXCLUDED.materialization_run_id,
                            materialized_at = EXCLUDED.materialized_at,
                            materialization_id = EXCLUDED.materialization_id,
                            failed = false,
                            failure_run_id = NULL,
                            failure_error = NULL,
                            failed_at = NULL,
                            in_progress_run_id = CASE WHEN s.in_progress_run_id = EXCLUDED.materialization_run_id
                                                      THEN NULL ELSE s.in_progress_run_id END,
                            in_progress_since = CASE WHEN s.in_progress_run_id = EXCLUDED.materialization_run_id
                                                     THEN NULL ELSE s.in_progress_since END
                        """)
                .param("asset", record.asset().toString())
                .param("partition", record.partitionKey())
                .param("dataVersion", record.dataVersion())
                .param("codeVersion", record.codeVersion())
                .param("inputs", json.writeVersions(record.inputDataVersions()))
                .param("runId", record.runId())
                .param("at", Jdbc.timestamp(record.timestamp()))
                .update();
    }

    @Override
    public void recordFailure(FailureRecord failure) {
        Objects.requireNonNull(failure, "failure");
        jdbc.client().sql("""
                        INSERT INTO asset_partition_state AS s (asset_key, partition_key, failed, failure_run_id,
                               failure_error, failed_at)
                        VALUES (:asset, :partition, true, :runId, :error, CAST(:at AS timestamptz))
                        ON CONFLICT (asset_key, partition_key) DO UPDATE SET
                            failed = true,
                            failure_run_id = EXCLUDED.failure_run_id,
                            failure_error = EXCLUDED.failure_error,
                            failed_at = EXCLUDED.failed_at,
                            in_progress_run_id = CASE WHEN s.in_progress_run_id = EXCLUDED.failure_run_id
                                                      THEN NULL ELSE s.in_progress_run_id END,
                            in_progress_since = CASE WHEN s.in_progress_run_id = EXCLUDED.failure_run_id
                                                     THEN NULL ELSE s.in_progress_since END
                        """)
                .param("asset", failure.asset().toString())
                .param("partition", failure.partitionKey())
                .param("runId", failure.runId())
                .param("error", failure.error())
                .param("at", Jdbc.timestamp(failure.timestamp()))
                .update();
    }

    @Override
    public Optional<FailureRecord> latestFailure(AssetKey asset, String partitionKey) {
        requireKeys(asset, partitionKey);
        return jdbc.client().sql("SELECT failure_run_id, failure_error, failed_at FROM asset_partition_state"
                        + " WHERE asset_key = :asset AND partition_key = :partition AND failed")
                .param("asset", asset.toString())
                .param("partition", partitionKey)
                .query((rs, n) -> new FailureRecord(asset, partitionKey, rs.getString("failure_run_id"),
                        rs.getString("failure_error"), Jdbc.instant(rs, "failed_at")))
                .optional();
    }

    /**
     * Marks partitions of an asset as being materialized by a run; the run's materialization or failure of a
     * partition clears the mark, and so does {@link #clearInProgress}.
     */
    public void recordInProgress(AssetKey asset, Collection<String> partitionKeys, String runId) {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(runId, "runId");
        List<String> keys = List.copyOf(partitionKeys);
        jdbc.tx().executeWithoutResult(status -> jdbc.template().batchUpdate("""
                        INSERT INTO asset_partition_state (asset_key, partition_key, in_progress_run_id, in_progress_since)
                        VALUES (?, ?, ?, clock_timestamp())
                        ON CONFLICT (asset_key, partition_key) DO UPDATE SET
                            in_progress_run_id = EXCLUDED.in_progress_run_id,
                            in_progress_since = EXCLUDED.in_progress_since
                        """, keys, 1_000, (ps, key) -> {
                    ps.setString(1, asset.toString());
                    ps.setString(2, key);
                    ps.setString(3, runId);
                }));
    }

    /** Clears the in-progress marks a run left (it ended or was given up); returns how many were cleared. */
    public int clearInProgress(String runId) {
        Objects.requireNonNull(runId, "runId");
        return jdbc.client().sql("UPDATE asset_partition_state SET in_progress_run_id = NULL,"
                        + " in_progress_since = NULL WHERE in_progress_run_id = :runId")
                .param("runId", runId)
                .update();
    }

    /**
     * Every latest materialization of each of {@code assets} in one streamed query (rows of one asset together),
     * rather than a query per asset: staleness of thousands of assets reads its state in one round trip.
     */
    @Override
    public void forEachLatestOf(Collection<AssetKey> assets, Consumer<MaterializationRecord> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        if (assets.isEmpty()) {
            return;
        }
        Map<String, AssetKey> byText = new HashMap<>(assets.size() * 2);
        assets.forEach(a -> byText.put(a.toString(), a));
        String[] keys = byText.keySet().toArray(String[]::new);
        streamTx.executeWithoutResult(status -> streaming.query(con -> {
            PreparedStatement ps = con.prepareStatement("SELECT asset_key, " + LATEST_COLUMNS
                    + " FROM asset_partition_state WHERE asset_key = ANY(?) AND data_version IS NOT NULL"
                    + " ORDER BY asset_key");
            ps.setArray(1, con.createArrayOf("text", keys));
            return ps;
        }, rs -> {
            consumer.accept(materialization(rs, byText.get(rs.getString("asset_key"))));
        }));
    }

    /**
     * The partition keys that have the given status, of each of {@code assets} that has any, in key order: one
     * query for all of them (the asset list and the lineage graph colour thousands of assets).
     */
    public Map<AssetKey, List<String>> partitionKeysWithStatus(Collection<AssetKey> assets,
            AssetPartitionStatus status) {
        Objects.requireNonNull(status, "status");
        Map<AssetKey, List<String>> out = new HashMap<>();
        if (assets.isEmpty()) {
            return out;
        }
        Map<String, AssetKey> byText = new HashMap<>(assets.size() * 2);
        assets.forEach(a -> byText.put(a.toString(), a));
        String[] keys = byText.keySet().toArray(String[]::new);
        streamTx.executeWithoutResult(tx -> streaming.query(con -> {
            PreparedStatement ps = con.prepareStatement("SELECT asset_key, partition_key FROM asset_partition_state"
                    + " WHERE asset_key = ANY(?) AND status = ? ORDER BY asset_key, partition_key");
            ps.setArray(1, con.createArrayOf("text", keys));
            ps.setString(2, status.name());
            return ps;
        }, rs -> {
            out.computeIfAbsent(byText.get(rs.getString(1)), k -> new ArrayList<>()).add(rs.getString(2));
        }));
        return out;
    }

    /** The partition keys of an asset that have the given status, in key order: one index range scan. */
    public List<String> partitionKeysWithStatus(AssetKey asset, AssetPartitionStatus status) {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(status, "status");
        List<String> keys = new ArrayList<>();
        streamTx.executeWithoutResult(tx -> streaming.query(
                "SELECT partition_key FROM asset_partition_state WHERE asset_key = ? AND status = ?"
                        + " ORDER BY partition_key",
                rs -> {
                    keys.add(rs.getString(1));
                },
                asset.toString(), status.name()));
        return keys;
    }

    /** How many partitions of an asset have each status (statuses without partitions are left out). */
    public Map<AssetPartitionStatus, Long> countByStatus(AssetKey asset) {
        Objects.requireNonNull(asset, "asset");
        Map<AssetPartitionStatus, Long> counts = new EnumMap<>(AssetPartitionStatus.class);
        jdbc.client().sql("SELECT status, count(*) AS n FROM asset_partition_state WHERE asset_key = :asset"
                        + " GROUP BY status")
                .param("asset", asset.toString())
                .query(rs -> {
                    counts.put(AssetPartitionStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    /** Past materializations of one asset partition, newest first, at most {@code limit}. */
    public List<MaterializationRecord> history(AssetKey asset, String partitionKey, int limit) {
        requireKeys(asset, partitionKey);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return jdbc.client().sql("SELECT partition_key, data_version, code_version,"
                        + " input_data_versions::text AS input_data_versions, run_id AS materialization_run_id,"
                        + " materialized_at FROM materializations"
                        + " WHERE asset_key = :asset AND partition_key = :partition ORDER BY id DESC LIMIT :limit")
                .param("asset", asset.toString())
                .param("partition", partitionKey)
                .param("limit", limit)
                .query((rs, n) -> materialization(rs, asset))
                .list();
    }

    private MaterializationRecord materialization(ResultSet rs, AssetKey asset) throws SQLException {
        return new MaterializationRecord(
                asset,
                rs.getString("partition_key"),
                rs.getString("data_version"),
                rs.getString("code_version"),
                json.readVersions(rs.getString("input_data_versions")),
                rs.getString("materialization_run_id"),
                Jdbc.instant(rs, "materialized_at"));
    }

    private static void requireKeys(AssetKey asset, String partitionKey) {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(partitionKey, "partitionKey (use \"\" for an unpartitioned asset)");
    }
}
