package dev.peloton.tdf.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.tdf.generate.RacePoint;
import dev.peloton.tdf.generate.RacePointsLoader;
import dev.peloton.tdf.generate.Scale;
import dev.peloton.tdf.generate.TdfGenerator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/** The PostgreSQL race source against the generator's tables in an embedded PostgreSQL. */
class PostgresRaceSourceTest {

    private static final TdfGenerator GENERATOR = new TdfGenerator();
    private static final long SEED = 3;
    private static final LocalDate STAGE_6 = LocalDate.of(2023, 7, 6);
    private static final LocalDate STAGE_2 = LocalDate.of(2023, 7, 2); // not in the tiny scale: no rows
    private static final Comparator<RacePoint> ORDER = Comparator.comparing(RacePoint::bib)
            .thenComparing(RacePoint::time).thenComparing(RacePoint::lat);

    @TempDir
    static Path dir;
    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static PostgresRaceSource source;

    @BeforeAll
    static void generate() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        dataSource = postgres.getPostgresDatabase();
        execute("DROP SCHEMA IF EXISTS " + RacePointsLoader.SCHEMA + " CASCADE");
        GENERATOR.generate(dir, Scale.TINY, SEED, dataSource);
        source = new PostgresRaceSource(dataSource);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void streamsExactlyTheGeneratedPointsOfEachRaceDay() {
        for (int stage : Scale.TINY.stages()) {
            LocalDate day = GENERATOR.calendar().dateOf(stage);
            List<RacePoint> expected = new ArrayList<>();
            GENERATOR.racePoints(Scale.TINY, SEED).forEach(stage, expected::add);
            List<RacePoint> streamed = new ArrayList<>();

            long n = source.forEach(day, streamed::add);

            assertThat(n).isEqualTo(expected.size()).isEqualTo(source.rowCount(day));
            expected.sort(ORDER);
            streamed.sort(ORDER);
            assertThat(streamed).as("race day %s", day).isEqualTo(expected);
        }
    }

    @Test
    void advancingGivesTheSameRowsAsIteratingWithoutAnObjectPerRow() {
        List<RacePoint> iterated = new ArrayList<>();
        source.forEach(STAGE_6, iterated::add);
        List<RacePoint> advanced = new ArrayList<>();
        try (RacePointCursor cursor = source.open(STAGE_6)) {
            RacePointRow row = cursor.row();
            while (cursor.advance()) {
                assertThat(cursor.row()).isSameAs(row);
                advanced.add(row.toRacePoint());
            }
            assertThat(cursor.advance()).isFalse();
            assertThat(cursor.rowsRead()).isEqualTo(iterated.size());
        }
        assertThat(advanced).isEqualTo(iterated).isNotEmpty();
    }

    @Test
    void aRaceDayWithoutRowsStreamsNothing() {
        List<RacePoint> seen = new ArrayList<>();
        assertThat(source.forEach(STAGE_2, seen::add)).isZero();
        assertThat(seen).isEmpty();
        assertThat(source.rowCount(STAGE_2)).isZero();
        RaceDayFingerprint f = source.fingerprint(STAGE_2);
        assertThat(f.hasRows()).isFalse();
        assertThat(f.maxTime()).isNull();
        assertThat(f.token()).isEqualTo("rows=0;maxTime=-;loadedAt=-;generation=-");
        assertThat(source.maxLoadedAt(STAGE_2)).isEmpty();
        // a rest day is no partition at all: still an empty answer, not an error
        assertThat(source.rowCount(LocalDate.of(2023, 7, 10))).isZero();
    }

    @Test
    void theCursorIteratesAndClosesEarly() {
        try (RacePointCursor cursor = source.open(STAGE_6)) {
            assertThat(cursor.hasNext()).isTrue();
            RacePoint first = cursor.next();
            assertThat(first.raceDay()).isEqualTo(STAGE_6);
            assertThat(first.stage()).isEqualTo(6);
            assertThat(cursor.rowsRead()).isEqualTo(1);
        }
        try (RacePointCursor empty = source.open(STAGE_2)) {
            assertThat(empty.hasNext()).isFalse();
            assertThatThrownBy(empty::next).isInstanceOf(NoSuchElementException.class);
        }
        // the connections came back: the source still works
        assertThat(source.forEach(STAGE_6, p -> { })).isEqualTo(source.rowCount(STAGE_6));
    }

    @Test
    void aPooledConnectionIsUsableAfterACursorClosedEarlyOrASinkFailed() throws Exception {
        // One pooled connection: whatever the cursor leaves behind is what the next caller gets.
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(1);
        try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config)) {
            PostgresRaceSource pooled = new PostgresRaceSource(pool);
            try (RacePointCursor cursor = pooled.open(STAGE_6)) {
                assertThat(cursor.next().stage()).isEqualTo(6);
            }
            assertThat(pooled.rowCount(STAGE_6)).isEqualTo(source.rowCount(STAGE_6));
            assertThatThrownBy(() -> pooled.forEach(STAGE_6, p -> {
                throw new IllegalStateException("sink full");
            })).hasMessage("sink full");
            try (java.sql.Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("SELECT 41 + 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
            assertThat(pooled.forEach(STAGE_6, p -> { })).isEqualTo(source.rowCount(STAGE_6));
        }
    }

    @Test
    void aFailingSinkStopsTheCopy() {
        long[] seen = {0};
        assertThatThrownBy(() -> source.forEach(STAGE_6, p -> {
            if (++seen[0] == 10) {
                throw new IllegalStateException("sink full");
            }
        })).hasMessage("sink full");
        assertThat(seen[0]).isEqualTo(10);
        assertThat(source.rowCount(STAGE_6)).isPositive();
    }

    @Test
    void fingerprintsChangeWhenADayIsReloaded() {
        LocalDate day = LocalDate.of(2023, 7, 23);
        RaceDayFingerprint before = source.fingerprint(day);
        assertThat(before.rows()).isEqualTo(source.rowCount(day)).isPositive();
        assertThat(before.generation()).isEqualTo(TdfGenerator.generation(Scale.TINY, SEED));
        assertThat(before.loadedAt()).isNotNull();
        assertThat(source.maxLoadedAt(day)).contains(before.loadedAt());
        assertThat(before.maxTime()).isAfter(Instant.parse("2023-07-23T12:00:00Z"));
        assertThat(source.fingerprints()).containsKeys(LocalDate.of(2023, 7, 1), STAGE_6,
                LocalDate.of(2023, 7, 18), day).doesNotContainKey(STAGE_2).containsEntry(day, before);

        // the same points loaded again: count and times equal, the load time tells the sensor
        new RacePointsLoader(dataSource).loadRaceDay(day, GENERATOR.racePoints(Scale.TINY, SEED).iterator(21),
                "reloaded");
        RaceDayFingerprint after = source.fingerprint(day);
        assertThat(after.rows()).isEqualTo(before.rows());
        assertThat(after.maxTime()).isEqualTo(before.maxTime());
        assertThat(after.loadedAt()).isAfter(before.loadedAt());
        assertThat(after.token()).isNotEqualTo(before.token()).contains("generation=reloaded");

        // without a loads table, count and max time still make a fingerprint
        PostgresRaceSource bare = new PostgresRaceSource(dataSource, "tdf_source.race_points", null);
        assertThat(bare.fingerprint(day)).isEqualTo(new RaceDayFingerprint(day, before.rows(), before.maxTime(),
                null, null));
        assertThat(bare.maxLoadedAt(day)).isEmpty();
    }

    @Test
    void raceDaysAndTableNamesAreValidatedNeverPastedRaw() {
        assertThat(PostgresRaceSource.raceDay("2023-07-06")).isEqualTo(STAGE_6);
        assertThatThrownBy(() -> PostgresRaceSource.raceDay("2023-07-06' OR '1'='1"))
                .hasMessageContaining("race day '2023-07-06' OR '1'='1' is not a date yyyy-MM-dd");
        assertThatThrownBy(() -> PostgresRaceSource.raceDay(null)).hasMessageContaining("race day 'null'");
        assertThatThrownBy(() -> source.forEach(null, p -> { })).hasMessageContaining("race day must not be null");
        assertThatThrownBy(() -> source.rowCount(LocalDate.of(12_345, 1, 1)))
                .hasMessageContaining("race day +12345-01-01 is out of range");
        assertThat(source.copySql(STAGE_6)).contains("WHERE race_day = DATE '2023-07-06'").startsWith("COPY (SELECT ");
        assertThatThrownBy(() -> new PostgresRaceSource(dataSource, "race_points; DROP TABLE x", null))
                .hasMessageContaining("table 'race_points; DROP TABLE x' is not a plain lower-case identifier");
        assertThatThrownBy(() -> new PostgresRaceSource(null)).hasMessageContaining("dataSource must not be null");
        PostgresRaceSource missing = new PostgresRaceSource(dataSource, "tdf_source.nothing", null);
        assertThatThrownBy(() -> missing.forEach(STAGE_6, p -> { }))
                .hasMessageContaining("cannot stream race day 2023-07-06 from tdf_source.nothing")
                .hasMessageContaining("does not exist");
    }

    @Test
    void rowsArriveWhileTheCopyIsStillRunning() throws SQLException {
        // a race day far bigger than the socket buffers, so the server cannot have sent it all
        int rows = 200_000;
        new RacePointsLoader(dataSource).loadRaceDay(STAGE_2, syntheticDay(STAGE_2, rows), "synthetic");
        try {
            long[] progress = new long[2];
            try (RacePointCursor cursor = source.open(STAGE_2)) {
                RacePoint first = cursor.next();
                assertThat(first.raceDay()).isEqualTo(STAGE_2);
                // the first row is in our hands: the server is still in the middle of the COPY
                try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*), coalesce(max(tuples_processed), 0)"
                             + " FROM pg_stat_progress_copy WHERE command = 'COPY TO'")) {
                    rs.next();
                    progress[0] = rs.getLong(1);
                    progress[1] = rs.getLong(2);
                }
                assertThat(cursor.isCopyActive()).isTrue();
                assertThat(cursor.rowsRead()).isEqualTo(1);
            }
            assertThat(progress[0]).as("COPY TO running on the server").isEqualTo(1);
            assertThat(progress[1]).as("rows the server produced so far").isLessThan(rows);

            long[] count = {0};
            assertThat(source.forEach(STAGE_2, p -> count[0]++)).isEqualTo(rows);
            assertThat(count[0]).isEqualTo(rows);
        } finally {
            new RacePointsLoader(dataSource).clearRaceDay(STAGE_2);
        }
    }

    @Test
    void measuresTheStreamingRateAtTheSmallScale() throws Exception {
        // three race days at the small scale replace the tiny ones for the measurement, then are put back
        int[] stages = {1, 6, 21};
        RacePointsLoader loader = new RacePointsLoader(dataSource);
        var points = GENERATOR.racePoints(Scale.SMALL, 11);
        try {
            for (int stage : stages) {
                loader.loadRaceDay(GENERATOR.calendar().dateOf(stage), points.iterator(stage), "small");
            }
            for (int stage : stages) { // warm up the JIT so the rates compare steady states
                source.forEach(GENERATOR.calendar().dateOf(stage), p -> { });
            }
            long total = 0;
            long parsedNanos = 0;
            long rawNanos = 0;
            long rawBytes = 0;
            for (int stage : stages) {
                LocalDate day = GENERATOR.calendar().dateOf(stage);
                long t0 = System.nanoTime();
                long n = source.forEach(day, p -> { });
                parsedNanos += System.nanoTime() - t0;
                total += n;
                assertThat(n).isEqualTo(points.plan().raceDay(day).rows());

                long t1 = System.nanoTime();
                CountingStream out = new CountingStream();
                try (Connection c = dataSource.getConnection()) {
                    c.unwrap(PGConnection.class).getCopyAPI().copyOut(source.copySql(day), out);
                }
                rawNanos += System.nanoTime() - t1;
                rawBytes += out.bytes;
            }
            System.out.printf("PostgresRaceSource, small scale, %d rows over %d race days: parsed %.0f rows/s,"
                            + " raw COPY %.0f rows/s (%.1f MB)%n", total, stages.length, total / (parsedNanos / 1e9),
                    total / (rawNanos / 1e9), rawBytes / 1e6);
            assertThat(rawBytes).isPositive();
        } finally {
            // put the tiny data back for the other tests
            for (int stage : stages) {
                LocalDate day = GENERATOR.calendar().dateOf(stage);
                loader.loadRaceDay(day, GENERATOR.racePoints(Scale.TINY, SEED).iterator(stage),
                        TdfGenerator.generation(Scale.TINY, SEED));
            }
        }
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static Iterator<RacePoint> syntheticDay(LocalDate day, int rows) {
        Instant start = day.atTime(11, 0).toInstant(java.time.ZoneOffset.UTC);
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < rows;
            }

            @Override
            public RacePoint next() {
                int k = i++;
                return new RacePoint(day, 2, 1 + k % 50, 1_000_000L + k % 50, start.plusSeconds(k / 50),
                        43.0 + k * 1e-6, -1.5, 100.5, k * 2.5, 40.25, k % 4 == 0 ? null : 150, 90, 250, 22,
                        true);
            }
        };
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
