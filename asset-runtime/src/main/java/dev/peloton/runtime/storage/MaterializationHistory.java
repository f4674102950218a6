package dev.peloton.runtime.storage;

import dev.peloton.core.AssetKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the materialization history of an asset, all partitions or one, newest first and keyset-paged on the
 * history row id, so that a page costs the same however long the history is.
 */
public final class MaterializationHistory {

    /** The largest page a reader can ask for. */
    public static final int MAX_PAGE_SIZE = 1_000;

    private final Jdbc jdbc;
    private final JsonColumns json = new JsonColumns();

    public MaterializationHistory(DataSource dataSource) {
        this.jdbc = Jdbc.on(dataSource);
    }

    /**
     * One stored materialization.
     *
     * @param id                its history row id (the paging key: newer rows have larger ids)
     * @param asset             the asset
     * @param partitionKey      the partition ({@code ""} when unpartitioned)
     * @param dataVersion       the data version produced
     * @param codeVersion       the code version that produced it
     * @param inputDataVersions the input data versions read, by upstream asset
     * @param runId             the run that produced it, or {@code null}
     * @param materializedAt    when
     */
    public record Entry(long id, AssetKey asset, String partitionKey, String dataVersion, String codeVersion,
            Map<AssetKey, String> inputDataVersions, String runId, Instant materializedAt) {
    }

    /**
     * One page of history.
     *
     * @param entries   newest first
     * @param nextBefore pass as {@code beforeId} for the next page; empty on the last page
     */
    public record Page(List<Entry> entries, Optional<Long> nextBefore) {
        public Page {
            entries = List.copyOf(entries);
        }
    }

    /**
     * Materializations of {@code asset} (of one partition when {@code partitionKey} is not null) with an id below
     * {@code beforeId} ({@code null} for the newest), at most {@code limit}.
     */
    public Page page(AssetKey asset, String partitionKey, Long beforeId, int limit) {
        Objects.requireNonNull(asset, "asset");
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("Materialization page size must be between 1 and " + MAX_PAGE_SIZE
                    + ", got " + limit);
        }
        String sql = "SELECT id, partition_key, data_version, code_version, input_data_versions::text AS inputs,"
                + " run_id, materialized_at FROM materializations WHERE asset_key = :asset"
                + (partitionKey == null ? "" : " AND partition_key = :partition")
                + (beforeId == null ? "" : " AND id < :before")
                + " ORDER BY id DESC LIMIT :limit";
        var spec = jdbc.client().sql(sql).param("asset", asset.toString()).param("limit", limit + 1);
        if (partitionKey != null) {
            spec = spec.param("partition", partitionKey);
        }
        if (beforeId != null) {
            spec = spec.param("before", beforeId);
        }
        List<Entry> entries = new ArrayList<>(spec.query((rs, n) -> new Entry(rs.getLong("id"), asset,
                rs.getString("partition_key"), rs.getString("data_version"), rs.getString("code_version"),
                json.readVersions(rs.getString("inputs")), rs.getString("run_id"),
                Jdbc.instant(rs, "materialized_at"))).list());
        Optional<Long> next = Optional.empty();
        if (entries.size() > limit) {
            entries.remove(entries.size() - 1);
            next = Optional.of(entries.get(entries.size() - 1).id());
        }
        return new Page(entries, next);
    }

    /** How many materializations {@code asset} has had, all partitions together. */
    public long count(AssetKey asset) {
        return jdbc.client().sql("SELECT count(*) FROM materializations WHERE asset_key = :asset")
                .param("asset", asset.toString())
                .query(Long.class)
                .single();
    }
}
