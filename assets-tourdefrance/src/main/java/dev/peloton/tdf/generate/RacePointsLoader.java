package dev.peloton.tdf.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes race points into PostgreSQL: table {@code tdf_source.race_points}, partitioned by LIST on {@code race_day}
 * with one partition per race day, bulk loaded with {@code COPY ... FROM STDIN} streamed through a writer.
 *
 * <p>Loading a race day replaces it: in one transaction the day's partition is truncated, the points are copied in
 * (frozen, as after a VACUUM FREEZE),
 * and a row of {@code tdf_source.race_points_loads} records which generation (seed, scale, generator version) the
 * day holds and how many rows. A crash mid-load leaves the previous content; a reader never sees half a day.
 * Transaction-level advisory locks keep two nodes from creating the schema or loading the same day at once.
 */
public final class RacePointsLoader {

    /** The schema of the source tables. */
    public static final String SCHEMA = "tdf_source";
    /** The race points table (partitioned). */
    public static final String TABLE = SCHEMA + ".race_points";
    /** One row per loaded race day: what generation it holds. */
    public static final String LOADS_TABLE = SCHEMA + ".race_points_loads";
    /** The columns, in COPY order. */
    public static final List<String> COLUMNS = List.of("race_day", "stage", "bib", "strava_id", "time", "lat", "lon",
            "altitude", "distance", "speed", "heart_rate", "cadence", "power", "temperature", "moving");

    private static final Logger LOG = LoggerFactory.getLogger(RacePointsLoader.class);
    /** First key of the advisory locks taken by this loader ("tdf" in ASCII). */
    private static final int LOCK_SPACE = 0x746466;
    private static final int COPY_BUFFER = 1 << 16;

    private final DataSource dataSource;

    public RacePointsLoader(DataSource dataSource) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource must not be null");
        }
        this.dataSource = dataSource;
    }

    /** The partition holding a race day: {@code tdf_source.race_points_20230701}. */
    public static String partitionOf(LocalDate day) {
        return TABLE + "_" + day.toString().replace("-", "");
    }

    /** Creates the schema, the partitioned table, one partition per race day and the loads table, if missing. */
    public void createSchema(List<LocalDate> raceDays) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + LOCK_SPACE + ", 0)");
                st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
                st.execute("""
                        CREATE TABLE IF NOT EXISTS %s (
                          race_day    date             NOT NULL,
                          stage       smallint         NOT NULL,
                          bib         smallint         NOT NULL,
                          strava_id   bigint           NOT NULL,
                          time        timestamptz      NOT NULL,
                          lat         double precision,
                          lon         double precision,
                          altitude    real,
                          distance    double precision,
                          speed       real,
                          heart_rate  smallint,
                          cadence     smallint,
                          power       smallint,
                          temperature smallint,
                          moving      smallint
                        ) PARTITION BY LIST (race_day)""".formatted(TABLE));
                for (LocalDate day : raceDays) {
                    st.execute("CREATE TABLE IF NOT EXISTS " + partitionOf(day) + " PARTITION OF " + TABLE
                            + " FOR VALUES IN ('" + day + "')");
                }
                st.execute("""
                        CREATE TABLE IF NOT EXISTS %s (
                          race_day   date        PRIMARY KEY,
                          generation text        NOT NULL,
                          row_count  bigint      NOT NULL,
                          loaded_at  timestamptz NOT NULL DEFAULT now()
                        )""".formatted(LOADS_TABLE));
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the race points tables in schema " + SCHEMA + ": "
                    + e.getMessage(), e);
        }
    }

    /** Which generation a race day holds, if it was loaded. */
    public Optional<String> loadedGeneration(LocalDate day) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT generation FROM " + LOADS_TABLE + " WHERE race_day = ?")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + LOADS_TABLE + " for race day " + day + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Replaces the race day's rows with the points; returns the rows written. Every point must belong to that day.
     *
     * @param generation what the day now holds (recorded in the loads table)
     */
    public long loadRaceDay(LocalDate day, Iterator<RacePoint> points, String generation) {
        if (generation == null || generation.isBlank()) {
            throw new IllegalArgumentException("race day " + day + ": generation must name what is loaded");
        }
        long started = System.nanoTime();
        long rows = inTransaction(day, c -> replace(c, day, points, generation));
        LOG.info("race day {}: loaded {} race points into {} in {} ms", day, rows, partitionOf(day),
                (System.nanoTime() - started) / 1_000_000);
        return rows;
    }

    /** Empties a race day and forgets its load. */
    public void clearRaceDay(LocalDate day) {
        inTransaction(day, c -> replace(c, day, null, null));
        LOG.info("race day {}: cleared {}", day, partitionOf(day));
    }

    private interface Work {
        long run(Connection c) throws SQLException;
    }

    private long inTransaction(LocalDate day, Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long rows = work.run(c);
                c.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write race day " + day + " into " + partitionOf(day) + ": "
                    + e.getMessage(), e);
        }
    }

    private long replace(Connection c, LocalDate day, Iterator<RacePoint> points, String generation) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + LOCK_SPACE + ", " + day.toEpochDay() + ")");
            st.execute("TRUNCATE " + partitionOf(day));
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + LOADS_TABLE + " WHERE race_day = ?")) {
            ps.setObject(1, day);
            ps.executeUpdate();
        }
        if (generation == null) {
            return 0;
        }
        long rows = copy(c, day, points);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + LOADS_TABLE + " (race_day, generation, row_count) VALUES (?, ?, ?)")) {
            ps.setObject(1, day);
            ps.setString(2, generation);
            ps.setLong(3, rows);
            ps.executeUpdate();
        }
        return rows;
    }

    private static long copy(Connection c, LocalDate day, Iterator<RacePoint> points) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        // FREEZE (allowed: the partition was truncated in this transaction) writes the rows frozen, with their hint
        // bits set, as a vacuumed table's are: otherwise the first reader of the day pays for setting them.
        String sql = "COPY " + partitionOf(day) + " (" + String.join(", ", COLUMNS)
                + ") FROM STDIN (FORMAT text, FREEZE)";
        CopyIn copyIn = pg.getCopyAPI().copyIn(sql);
        PGCopyOutputStream out = new PGCopyOutputStream(copyIn, COPY_BUFFER);
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), COPY_BUFFER);
            RacePointText text = new RacePointText();
            StringBuilder line = new StringBuilder(160);
            long n = 0;
            while (points.hasNext()) {
                RacePoint p = points.next();
                if (!p.raceDay().equals(day)) {
                    throw new IllegalArgumentException("race day " + day + ": point " + (n + 1) + " (bib " + p.bib()
                            + ", " + p.time() + ") belongs to race day " + p.raceDay() + "; nothing was loaded");
                }
                line.setLength(0);
                text.append(line, p).append('\n');
                w.append(line);
                n++;
            }
            w.flush();
            return out.endCopy();
        } catch (IOException e) {
            throw new UncheckedIOException("COPY into " + partitionOf(day) + " failed", e);
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
    }
}
