package dev.peloton.runtime.automation;

import dev.peloton.core.AssetKey;
import dev.peloton.runtime.storage.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The reads sensors need, on Peloton's database. */
public final class SensorData {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    public SensorData(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Materializations of {@code asset} with an id above {@code afterId}, oldest first, at most {@code limit}. */
    public List<MaterializationEvent> materializationsAfter(AssetKey asset, long afterId, int limit) {
        return jdbc.sql("""
                        SELECT id, asset_key, partition_key, run_id, materialized_at FROM materializations
                        WHERE asset_key = ? AND id > ? ORDER BY id LIMIT ?""")
                .params(asset.toString(), afterId, limit)
                .query((rs, n) -> new MaterializationEvent(rs.getLong("id"), AssetKey.parse(rs.getString("asset_key")),
                        rs.getString("partition_key"), rs.getString("run_id"),
                        rs.getTimestamp("materialized_at").toInstant()))
                .list();
    }

    /** The highest materialization id of {@code asset}, or 0. */
    public long lastMaterializationId(AssetKey asset) {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM materializations WHERE asset_key = ?")
                .param(asset.toString()).query(Long.class).single();
    }

    /** Runs in {@code status} that ended after {@code after}, in end order, at most {@code limit}. */
    public List<FinishedRun> runsEndedAfter(RunStatus status, Instant after, int limit) {
        return jdbc.sql("""
                        SELECT id::text AS id, status, selection::text AS selection, error, ended_at, tags::text AS tags
                        FROM runs WHERE status = ? AND ended_at > ? ORDER BY ended_at, id LIMIT ?""")
                .params(status.name(), Timestamp.from(after), limit)
                .query((rs, n) -> finishedRun(rs))
                .list();
    }

    static FinishedRun finishedRun(ResultSet rs) throws SQLException {
        return new FinishedRun(rs.getString("id"), RunStatus.valueOf(rs.getString("status")),
                JSON.readValue(rs.getString("selection"), LIST), rs.getString("error"),
                rs.getTimestamp("ended_at").toInstant(), JSON.readValue(rs.getString("tags"), MAP));
    }
}
