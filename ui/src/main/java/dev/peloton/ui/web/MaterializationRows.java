package dev.peloton.ui.web;

import dev.peloton.core.AssetKey;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An asset's recent materializations with the row count its IO manager reported (kept in the materialization
 * event's metadata as {@code row_count}), newest first.
 */
public class MaterializationRows {

    public record Row(long id, String partition, String dataVersion, String codeVersion, String runId,
            Instant materializedAt, Long rowCount) {
    }

    private final JdbcClient jdbc;

    public MaterializationRows(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public List<Row> latest(AssetKey asset, int limit) {
        return jdbc.sql("""
                        SELECT m.id, m.partition_key, m.data_version, m.code_version, m.run_id::text AS run_id,
                               m.materialized_at,
                               (SELECT (e.payload -> 'metadata' ->> 'row_count')
                                  FROM event_log e
                                 WHERE e.run_id::text = m.run_id::text AND e.asset_key = m.asset_key
                                   AND e.partition_key = m.partition_key AND e.event_type = 'MATERIALIZATION'
                                 ORDER BY e.id DESC LIMIT 1) AS row_count
                          FROM materializations m
                         WHERE m.asset_key = :asset
                         ORDER BY m.id DESC
                         LIMIT :limit""")
                .param("asset", asset.toString())
                .param("limit", limit)
                .query((rs, n) -> {
                    String rows = rs.getString("row_count");
                    Long count = null;
                    if (rows != null && rows.matches("-?\\d{1,18}")) {
                        count = Long.parseLong(rows);
                    }
                    return new Row(rs.getLong("id"), rs.getString("partition_key"), rs.getString("data_version"),
                            rs.getString("code_version"), rs.getString("run_id"),
                            rs.getTimestamp("materialized_at").toInstant(), count);
                })
                .list();
    }
}
