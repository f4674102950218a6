package dev.peloton.runtime.backfill;

import dev.peloton.core.AssetKey;
import dev.peloton.runtime.storage.PartitionSetCodec;
import dev.peloton.runtime.storage.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code backfills} table. Calls join the caller's transaction when there is one. */
final class BackfillStorage {

    static final String COLUMNS = "id, status, selection_text, selection::text AS assets, partitions_asset, partitions,"
            + " policy, max_partitions_per_run, only_stale_and_missing, priority, tags::text AS tags, num_chunks,"
            + " submitted_chunks, parent_id, num_succeeded, num_failed, num_canceled, created_at, updated_at,"
            + " ended_at, error";

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    BackfillStorage(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    void insert(String id, BackfillRecord b) {
        jdbc.sql("""
                        INSERT INTO backfills (id, status, selection_text, selection, partitions_asset, partitions,
                            policy, max_partitions_per_run, only_stale_and_missing, priority, tags, num_partitions,
                            num_chunks, parent_id)
                        VALUES (CAST(:id AS uuid), 'REQUESTED', :text, CAST(:assets AS jsonb), :anchor, :partitions,
                            :policy, :perRun, :stale, :priority, CAST(:tags AS jsonb), :numPartitions, :numChunks,
                            CAST(:parent AS uuid))""")
                .param("id", id)
                .param("text", b.selection())
                .param("assets", json.writeValueAsString(b.assets().stream().map(AssetKey::toString).toList()))
                .param("anchor", b.partitionsAsset().toString())
                .param("partitions", PartitionSetCodec.encode(b.partitions()))
                .param("policy", b.policy().storedName())
                .param("perRun", b.policy() instanceof BackfillPolicy.Chunks c ? c.size() : null,
                        java.sql.Types.INTEGER)
                .param("stale", b.options().onlyStaleAndMissing())
                .param("priority", b.options().priority())
                .param("tags", json.writeValueAsString(b.options().tags()))
                .param("numPartitions", b.partitions().count())
                .param("numChunks", b.numChunks())
                .param("parent", b.parentId())
                .update();
    }

    /** Sends the id of a new backfill on {@link BackfillService#CHANNEL}. */
    void announce(String id) {
        jdbc.sql("SELECT pg_notify(:channel, :id)").param("channel", BackfillService.CHANNEL).param("id", id)
                .query(Object.class).list();
    }

    Optional<BackfillRecord> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM backfills WHERE id = CAST(:id AS uuid)")
                .param("id", uuid(id).toString())
                .query((rs, n) -> read(rs))
                .optional();
    }

    BackfillRecord get(String id) {
        return find(id).orElseThrow(() -> new NoSuchBackfillException(id));
    }

    /** Locks the backfill for this transaction, waiting for whoever holds it. */
    BackfillRecord lock(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM backfills WHERE id = CAST(:id AS uuid) FOR UPDATE")
                .param("id", uuid(id).toString())
                .query((rs, n) -> read(rs))
                .optional()
                .orElseThrow(() -> new NoSuchBackfillException(id));
    }

    /** Locks the backfill for this transaction, or empty when another node holds it (it is working on it). */
    Optional<BackfillRecord> tryLock(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM backfills WHERE id = CAST(:id AS uuid) FOR UPDATE SKIP LOCKED")
                .param("id", id)
                .query((rs, n) -> read(rs))
                .optional();
    }

    /** Ids of the backfills that are not finished, oldest first. */
    List<String> active() {
        return jdbc.sql("SELECT id::text FROM backfills"
                        + " WHERE status IN ('REQUESTED', 'SUBMITTING', 'RUNNING', 'CANCELING') ORDER BY created_at")
                .query(String.class)
                .list();
    }

    /** Newest first, keyset-paged: pass the last id of a page as {@code afterId} for the next one. */
    List<BackfillRecord> list(BackfillStatus status, int limit, String afterId) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM backfills WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (status != null) {
            sql.append(" AND status = :status");
            params.put("status", status.name());
        }
        if (afterId != null) {
            sql.append(" AND (created_at, id) < (SELECT created_at, id FROM backfills WHERE id = CAST(:after AS uuid))");
            params.put("after", uuid(afterId).toString());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> read(rs)).list();
    }

    void advance(String id, long submittedChunks, BackfillStatus status) {
        jdbc.sql("UPDATE backfills SET submitted_chunks = :chunks, status = :status, updated_at = clock_timestamp()"
                        + " WHERE id = CAST(:id AS uuid)")
                .param("chunks", submittedChunks).param("status", status.name()).param("id", id)
                .update();
    }

    void setStatus(String id, BackfillStatus status, String error) {
        jdbc.sql("UPDATE backfills SET status = :status, error = COALESCE(CAST(:error AS text), error),"
                        + " updated_at = clock_timestamp(),"
                        + " ended_at = CASE WHEN :terminal THEN clock_timestamp() ELSE ended_at END"
                        + " WHERE id = CAST(:id AS uuid)")
                .param("status", status.name()).param("error", error).param("terminal", status.isTerminal())
                .param("id", id)
                .update();
    }

    void finish(String id, BackfillStatus status, BackfillProgress progress, String error) {
        jdbc.sql("""
                        UPDATE backfills SET status = :status, error = CAST(:error AS text),
                            num_requested = :requested, num_succeeded = :succeeded, num_failed = :failed,
                            num_canceled = :canceled, updated_at = clock_timestamp(), ended_at = clock_timestamp()
                        WHERE id = CAST(:id AS uuid)""")
                .param("status", status.name()).param("error", error)
                .param("requested", progress.counts().values().stream().mapToLong(Long::longValue).sum()
                        - progress.count(PartitionStatus.REQUESTED))
                .param("succeeded", progress.count(PartitionStatus.SUCCEEDED) + progress.count(PartitionStatus.SKIPPED))
                .param("failed", progress.count(PartitionStatus.FAILED))
                .param("canceled", progress.count(PartitionStatus.CANCELED))
                .param("id", id)
                .update();
    }

    /** A run of a backfill: its status and the backfill partitions it covers. */
    record BackfillRun(String id, RunStatus status, String partitions) {
    }

    /** The runs of a backfill in creation order (a later run of a partition supersedes an earlier one). */
    List<BackfillRun> runs(String backfillId) {
        return jdbc.sql("SELECT id::text, status, tags->>:tag FROM runs WHERE backfill_id = CAST(:id AS uuid)"
                        + " ORDER BY created_at, id")
                .param("tag", BackfillTags.PARTITIONS).param("id", backfillId)
                .query((rs, n) -> new BackfillRun(rs.getString(1), RunStatus.valueOf(rs.getString(2)),
                        rs.getString(3)))
                .list();
    }

    /** Ids of the runs of a backfill that have not ended. */
    List<String> unfinishedRuns(String backfillId) {
        return jdbc.sql("SELECT id::text FROM runs WHERE backfill_id = CAST(:id AS uuid)"
                        + " AND status NOT IN ('SUCCESS', 'FAILURE', 'CANCELED') ORDER BY created_at, id")
                .param("id", backfillId)
                .query(String.class)
                .list();
    }

    private BackfillRecord read(ResultSet rs) throws SQLException {
        String policy = rs.getString("policy");
        int perRun = rs.getInt("max_partitions_per_run");
        Integer perRunOrNull = rs.wasNull() ? null : perRun;
        List<AssetKey> assets = json.readValue(rs.getString("assets"), STRING_LIST).stream()
                .map(AssetKey::parse).toList();
        return new BackfillRecord(rs.getString("id"), BackfillStatus.valueOf(rs.getString("status")),
                rs.getString("selection_text"), assets, AssetKey.parse(rs.getString("partitions_asset")),
                PartitionSetCodec.decode(rs.getString("partitions")),
                BackfillPolicy.fromStored(policy, perRunOrNull),
                new BackfillOptions(rs.getBoolean("only_stale_and_missing"), rs.getInt("priority"),
                        json.readValue(rs.getString("tags"), STRING_MAP)),
                rs.getLong("num_chunks"), rs.getLong("submitted_chunks"), rs.getString("parent_id"),
                rs.getLong("num_succeeded"), rs.getLong("num_failed"), rs.getLong("num_canceled"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("ended_at")), rs.getString("error"));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NoSuchBackfillException(String.valueOf(id));
        }
    }
}
