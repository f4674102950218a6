package dev.peloton.runtime.automation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The state of schedules and sensors in PostgreSQL: tables {@code instigator_state} and {@code ticks} (V5). */
final class AutomationStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };
    private static final String TICK_COLUMNS = "id, kind, name, tick_time, status, cursor, run_ids::text AS run_ids,"
            + " skip_reason, error, started_at, ended_at";

    /** A row of instigator_state. */
    record State(boolean on, String cursor, Instant lastTickAt) {
    }

    private final JdbcClient jdbc;

    AutomationStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Creates the state row if missing (concurrent nodes create it once) and returns the stored state. */
    State ensure(InstigatorKind kind, String name, boolean defaultOn, Instant now) {
        jdbc.sql("""
                        INSERT INTO instigator_state (kind, name, status, last_tick_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (kind, name) DO NOTHING""")
                .params(kind.name(), name, defaultOn ? "RUNNING" : "STOPPED", Timestamp.from(now))
                .update();
        return find(kind, name).orElseThrow();
    }

    Optional<State> find(InstigatorKind kind, String name) {
        return jdbc.sql("SELECT status, cursor, last_tick_at FROM instigator_state WHERE kind = ? AND name = ?")
                .params(kind.name(), name)
                .query((rs, n) -> new State("RUNNING".equals(rs.getString(1)), rs.getString(2), instant(rs, 3)))
                .optional();
    }

    /**
     * Turning on also moves the last tick time to now: ticks that fell while it was off are not "missed" ones
     * to catch up.
     */
    void setOn(InstigatorKind kind, String name, boolean on, Instant now) {
        jdbc.sql("""
                        UPDATE instigator_state SET status = ?, updated_at = clock_timestamp(),
                            last_tick_at = CASE WHEN ? THEN greatest(last_tick_at, ?) ELSE last_tick_at END
                        WHERE kind = ? AND name = ?""")
                .params(on ? "RUNNING" : "STOPPED", on, Timestamp.from(now), kind.name(), name)
                .update();
    }

    /** Inserts a STARTED tick; empty when that tick was already taken (by another node, or a catch-up). */
    Optional<Long> startTick(InstigatorKind kind, String name, Instant tickTime) {
        return jdbc.sql("""
                        INSERT INTO ticks (kind, name, tick_time, status) VALUES (?, ?, ?, 'STARTED')
                        ON CONFLICT (kind, name, tick_time) DO NOTHING RETURNING id""")
                .params(kind.name(), name, Timestamp.from(tickTime))
                .query(Long.class)
                .optional();
    }

    /** Ends a tick and, for a sensor that returned one, stores its new cursor; moves the last tick time on. */
    void endTick(long tickId, InstigatorKind kind, String name, Instant tickTime, TickStatus status,
            List<String> runIds, String skipReason, String error, String newCursor) {
        jdbc.sql("""
                        UPDATE ticks SET status = ?, run_ids = ?::jsonb, skip_reason = ?, error = ?, cursor = ?,
                            ended_at = clock_timestamp()
                        WHERE id = ?""")
                .params(status.name(), JSON.writeValueAsString(runIds), skipReason, error, newCursor, tickId)
                .update();
        jdbc.sql("""
                        UPDATE instigator_state SET cursor = coalesce(?, cursor),
                            last_tick_at = greatest(last_tick_at, ?), updated_at = clock_timestamp()
                        WHERE kind = ? AND name = ?""")
                .params(newCursor, Timestamp.from(tickTime), kind.name(), name)
                .update();
    }

    /** Moves the last tick time on without a tick (missed ticks that the policy drops). */
    void advanceLastTick(InstigatorKind kind, String name, Instant to) {
        jdbc.sql("""
                        UPDATE instigator_state SET last_tick_at = greatest(last_tick_at, ?)
                        WHERE kind = ? AND name = ?""")
                .params(Timestamp.from(to), kind.name(), name)
                .update();
    }

    TickPage ticks(InstigatorKind kind, String name, Long beforeId, int limit) {
        List<TickRecord> rows = jdbc.sql("SELECT " + TICK_COLUMNS + " " + """
                        FROM ticks WHERE kind = ? AND name = ? AND id < ? ORDER BY id DESC LIMIT ?""")
                .params(kind.name(), name, beforeId == null ? Long.MAX_VALUE : beforeId, limit + 1)
                .query((rs, n) -> tick(rs))
                .list();
        if (rows.size() <= limit) {
            return new TickPage(rows, null);
        }
        List<TickRecord> page = rows.subList(0, limit);
        return new TickPage(page, page.getLast().id());
    }

    Optional<TickRecord> lastTick(InstigatorKind kind, String name) {
        return ticks(kind, name, null, 1).ticks().stream().findFirst();
    }

    private static TickRecord tick(ResultSet rs) throws SQLException {
        return new TickRecord(rs.getLong("id"), InstigatorKind.valueOf(rs.getString("kind")), rs.getString("name"),
                instant(rs, "tick_time"), TickStatus.valueOf(rs.getString("status")), rs.getString("cursor"),
                JSON.readValue(rs.getString("run_ids"), LIST), rs.getString("skip_reason"), rs.getString("error"),
                instant(rs, "started_at"), instant(rs, "ended_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
