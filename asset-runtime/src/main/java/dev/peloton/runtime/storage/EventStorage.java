package dev.peloton.runtime.storage;

import dev.peloton.core.AssetKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The append-only event log. Events are appended in batches (one JDBC batch per chunk, all chunks in one
 * transaction) and read back by run in sequence order, a page at a time.
 *
 * <p>With pgjdbc's {@code reWriteBatchedInserts=true} (set on the embedded server's data source) a batch is
 * sent as multi-row {@code INSERT} statements.
 */
public final class EventStorage {

    /** Rows per JDBC batch. */
    static final int BATCH_SIZE = 500;
    /** The largest page a reader can ask for. */
    public static final int MAX_PAGE_SIZE = 10_000;

    private static final String INSERT = "INSERT INTO event_log (run_id, step_id, event_type, asset_key,"
            + " partition_key, created_at, payload) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb))";
    private static final String COLUMNS = "id, run_id, step_id, event_type, asset_key, partition_key, created_at,"
            + " payload::text AS payload";

    private final Jdbc jdbc;
    private final JsonColumns json = new JsonColumns();

    public EventStorage(DataSource dataSource) {
        this.jdbc = Jdbc.on(dataSource);
    }

    /**
     * Appends events in the given order, all or none.
     *
     * @throws IllegalArgumentException naming the event when a payload is not JSON
     */
    public void append(List<NewEvent> events) {
        Objects.requireNonNull(events, "events");
        for (int i = 0; i < events.size(); i++) {
            NewEvent e = Objects.requireNonNull(events.get(i), "events[" + i + "]");
            json.requireJson(e.payloadJson(), "The payload of event " + (i + 1) + " of " + events.size()
                    + " (type " + e.type() + ", run " + e.runId() + ")");
        }
        if (events.isEmpty()) {
            return;
        }
        jdbc.tx().executeWithoutResult(status -> jdbc.template().batchUpdate(INSERT, events, BATCH_SIZE,
                (ps, e) -> {
                    ps.setObject(1, e.runId() == null ? null : RunIds.parse(e.runId()), Types.OTHER);
                    ps.setString(2, e.stepId());
                    ps.setString(3, e.type());
                    ps.setString(4, e.asset() == null ? null : e.asset().toString());
                    ps.setString(5, e.partitionKey());
                    ps.setObject(6, Jdbc.timestamp(e.timestamp()));
                    ps.setString(7, e.payloadJson());
                }));
    }

    /** Appends one event. */
    public void append(NewEvent event) {
        append(List.of(event));
    }

    /**
     * The events of a run with a sequence after {@code afterSequence}, in sequence order, at most {@code limit}.
     * Start with {@code afterSequence = 0}; pass the last sequence of a page to get the next one.
     */
    public List<EventRecord> page(String runId, long afterSequence, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("Event page size must be between 1 and " + MAX_PAGE_SIZE
                    + ", got " + limit);
        }
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence must be >= 0, got " + afterSequence);
        }
        return jdbc.client().sql("SELECT " + COLUMNS + " FROM event_log WHERE run_id = :runId AND id > :after"
                        + " ORDER BY id LIMIT :limit")
                .param("runId", RunIds.parse(runId))
                .param("after", afterSequence)
                .param("limit", limit)
                .query((rs, n) -> event(rs))
                .list();
    }

    /** The events about one asset partition after {@code afterSequence}, in sequence order. */
    public List<EventRecord> pageForAsset(AssetKey asset, String partitionKey, long afterSequence, int limit) {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(partitionKey, "partitionKey");
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("Event page size must be between 1 and " + MAX_PAGE_SIZE
                    + ", got " + limit);
        }
        return jdbc.client().sql("SELECT " + COLUMNS + " FROM event_log WHERE asset_key = :asset"
                        + " AND partition_key = :partition AND id > :after ORDER BY id LIMIT :limit")
                .param("asset", asset.toString())
                .param("partition", partitionKey)
                .param("after", afterSequence)
                .param("limit", limit)
                .query((rs, n) -> event(rs))
                .list();
    }

    /** How many events a run has. */
    public long count(String runId) {
        return jdbc.client().sql("SELECT count(*) FROM event_log WHERE run_id = :runId")
                .param("runId", RunIds.parse(runId))
                .query(Long.class)
                .single();
    }

    /**
     * Deletes events that happened before {@code cutoff}, a chunk at a time so that no transaction holds many
     * rows; returns how many were deleted. Materializations, check results and runs are kept elsewhere and
     * never deleted by this.
     */
    public long deleteOlderThan(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.client().sql("DELETE FROM event_log WHERE id IN (SELECT id FROM event_log"
                            + " WHERE created_at < :cutoff LIMIT 10000)")
                    .param("cutoff", Jdbc.timestamp(cutoff))
                    .update();
            total += deleted;
        } while (deleted > 0);
        return total;
    }

    private static EventRecord event(ResultSet rs) throws SQLException {
        Object runId = rs.getObject("run_id");
        String asset = rs.getString("asset_key");
        return new EventRecord(rs.getLong("id"), runId == null ? null : runId.toString(), rs.getString("step_id"),
                rs.getString("event_type"), Jdbc.instant(rs, "created_at"),
                asset == null ? null : AssetKey.parse(asset), rs.getString("partition_key"),
                rs.getString("payload"));
    }
}
