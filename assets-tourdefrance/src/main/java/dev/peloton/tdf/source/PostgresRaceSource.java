package dev.peloton.tdf.source;

import dev.peloton.tdf.generate.RacePoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The race points of one race day, read from PostgreSQL (the table {@code tdf_source.race_points} that the generator
 * fills, or any table of the same columns partitioned or not by {@code race_day}).
 *
 * <p>Rows are streamed with {@code COPY (SELECT ... WHERE race_day = DATE 'yyyy-mm-dd') TO STDOUT}: pgjdbc's
 * {@link CopyOut} hands over one row at a time and each is parsed as it arrives, so memory stays flat whatever the
 * size of the day. COPY takes no bind parameters; the date literal is formatted from a {@link LocalDate}, never from
 * caller text, and the table names are checked identifiers.
 */
public final class PostgresRaceSource {

    /** The generator's table. */
    public static final String DEFAULT_TABLE = "tdf_source.race_points";
    /** The generator's loads table: one row per loaded race day. */
    public static final String DEFAULT_LOADS_TABLE = "tdf_source.race_points_loads";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}(\\.[a-z_][a-z0-9_]{0,62})?");

    private final DataSource dataSource;
    private final String table;
    private final String loadsTable;

    /** Reads the generator's tables. */
    public PostgresRaceSource(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE, DEFAULT_LOADS_TABLE);
    }

    /**
     * @param table      the race points table ({@code schema.table}, lower case)
     * @param loadsTable a table {@code (race_day date, generation text, row_count bigint, loaded_at timestamptz)}
     *                   recording loads, or null when there is none (fingerprints then use count and max time only)
     */
    public PostgresRaceSource(DataSource dataSource, String table, String loadsTable) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource must not be null");
        }
        this.dataSource = dataSource;
        this.table = identifier("table", table);
        this.loadsTable = loadsTable == null ? null : identifier("loads table", loadsTable);
    }

    /** Where the rows are read from (for a caller's own plain queries on the same table). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The race points table, {@code schema.table}. */
    public String table() {
        return table;
    }

    /**
     * A race day from a partition key; fails naming the key when it is not a date {@code yyyy-MM-dd}.
     */
    public static LocalDate raceDay(String partitionKey) {
        try {
            return checkDay(LocalDate.parse(partitionKey == null ? "" : partitionKey, DateTimeFormatter.ISO_LOCAL_DATE));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("race day '" + partitionKey + "' is not a date yyyy-MM-dd", e);
        }
    }

    /** The statement that streams a race day (for logs and for measuring the raw COPY rate). */
    public String copySql(LocalDate raceDay) {
        return "COPY (SELECT " + RacePointCopyParser.SELECT_LIST + " FROM " + table + " WHERE race_day = "
                + dateLiteral(raceDay) + ") TO STDOUT (FORMAT text)";
    }

    /**
     * Streams the race day's points to {@code sink} as they arrive; returns how many. An exception from the sink stops
     * the COPY and is rethrown.
     */
    public long forEach(LocalDate raceDay, Consumer<? super RacePoint> sink) {
        long n = 0;
        try (RacePointCursor cursor = open(raceDay)) {
            while (cursor.hasNext()) {
                sink.accept(cursor.next());
                n++;
            }
        }
        return n;
    }

    /**
     * Opens a cursor over the race day's points; close it (try-with-resources) to release the connection, also when
     * stopping early.
     */
    public RacePointCursor open(LocalDate raceDay) {
        String sql = copySql(raceDay);
        Connection c = null;
        try {
            c = dataSource.getConnection();
            CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            return new RacePointCursor(dataSource, c, copy, new RacePointCopyParser(raceDay, table));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw new IllegalStateException("cannot stream race day " + raceDay + " from " + table + ": "
                    + e.getMessage(), e);
        }
    }

    /** Rows of a race day. */
    public long rowCount(LocalDate raceDay) {
        checkDay(raceDay);
        return query("count rows of race day " + raceDay, "SELECT count(*) FROM " + table + " WHERE race_day = ?",
                ps -> ps.setObject(1, raceDay), rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /** When the race day was last loaded, from the loads table; empty when not loaded or there is no loads table. */
    public Optional<Instant> maxLoadedAt(LocalDate raceDay) {
        checkDay(raceDay);
        if (loadsTable == null || !exists(loadsTable)) {
            return Optional.empty();
        }
        return query("read " + loadsTable + " for race day " + raceDay,
                "SELECT max(loaded_at) FROM " + loadsTable + " WHERE race_day = ?", ps -> ps.setObject(1, raceDay),
                rs -> rs.next() ? Optional.ofNullable(instant(rs.getTimestamp(1))) : Optional.empty());
    }

    /** The fingerprint of one race day (a day without rows has {@code rows = 0}). */
    public RaceDayFingerprint fingerprint(LocalDate raceDay) {
        checkDay(raceDay);
        RaceDayFingerprint f = fingerprints(raceDay).get(raceDay);
        return f != null ? f : new RaceDayFingerprint(raceDay, 0, null, null, null);
    }

    /** The fingerprints of every race day with rows or a load, in one query: what a sensor polls on each tick. */
    public Map<LocalDate, RaceDayFingerprint> fingerprints() {
        return fingerprints(null);
    }

    private Map<LocalDate, RaceDayFingerprint> fingerprints(LocalDate only) {
        String where = only == null ? "" : " WHERE race_day = ?";
        boolean loads = loadsTable != null && exists(loadsTable);
        String sql = loads
                ? "SELECT coalesce(p.race_day, l.race_day), coalesce(p.n, 0), p.max_time, l.loaded_at, l.generation"
                + " FROM (SELECT race_day, count(*) AS n, max(time) AS max_time FROM " + table + where
                + " GROUP BY race_day) p FULL JOIN (SELECT race_day, loaded_at, generation FROM " + loadsTable + where
                + ") l ON l.race_day = p.race_day"
                : "SELECT race_day, count(*), max(time), NULL::timestamptz, NULL::text FROM " + table + where
                + " GROUP BY race_day";
        return query("read the fingerprints of " + (only == null ? "all race days" : "race day " + only), sql, ps -> {
            if (only != null) {
                ps.setObject(1, only);
                if (loads) {
                    ps.setObject(2, only);
                }
            }
        }, rs -> {
            Map<LocalDate, RaceDayFingerprint> out = new TreeMap<>();
            while (rs.next()) {
                LocalDate day = rs.getObject(1, LocalDate.class);
                out.put(day, new RaceDayFingerprint(day, rs.getLong(2), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)), rs.getString(5)));
            }
            return out;
        });
    }

    private boolean exists(String relation) {
        return query("look up " + relation, "SELECT to_regclass(?) IS NOT NULL", ps -> ps.setString(1, relation),
                rs -> rs.next() && rs.getBoolean(1));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String what, String sql, Binder binder, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what + " from " + table + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String dateLiteral(LocalDate day) {
        return "DATE '" + checkDay(day).format(DateTimeFormatter.ISO_LOCAL_DATE) + "'";
    }

    private static LocalDate checkDay(LocalDate day) {
        if (day == null) {
            throw new IllegalArgumentException("race day must not be null");
        }
        if (day.getYear() < 1 || day.getYear() > 9999) {
            throw new IllegalArgumentException("race day " + day + " is out of range: years 0001..9999");
        }
        return day;
    }

    private static String identifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name
                    + "' is not a plain lower-case identifier (schema.table of a-z, 0-9, _)");
        }
        return name;
    }

    private static void closeQuietly(Connection c, Exception failure) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
