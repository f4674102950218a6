package dev.peloton.tdf.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator and the loader against a real (embedded) PostgreSQL, at the tiny scale. */
class TdfGeneratorDatabaseTest {

    private static final TdfGenerator GENERATOR = new TdfGenerator();
    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        dataSource = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void emptyDatabase() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + RacePointsLoader.SCHEMA + " CASCADE");
    }

    @Test
    void generatesFilesAndLoadsOnePartitionPerRaceDay() throws Exception {
        GenerationSummary summary = GENERATOR.generate(dir, Scale.TINY, 1, dataSource);

        assertThat(summary.filesWritten()).isTrue();
        assertThat(summary.daysLoaded()).containsExactly(LocalDate.of(2023, 7, 1), LocalDate.of(2023, 7, 6),
                LocalDate.of(2023, 7, 18), LocalDate.of(2023, 7, 23));
        assertThat(summary.daysSkipped()).isEmpty();
        assertThat(Files.readString(summary.ridersFile(), StandardCharsets.UTF_8).split("\r\n")).hasSize(177);
        assertThat(summary.stagesInfoFile()).exists();
        for (int stage : Scale.TINY.stages()) {
            assertThat(summary.routeFile(stage)).exists();
        }
        assertThat(dir.resolve("routes").toFile().list()).hasSize(4);
        assertThat(dir.resolve(TdfGenerator.MARKER_FILE)).exists();

        assertThat(queryLong("SELECT count(*) FROM pg_inherits WHERE inhparent = 'tdf_source.race_points'::regclass"))
                .isEqualTo(21);
        assertThat(queryLong("SELECT count(*) FROM pg_partitioned_table WHERE partrelid = 'tdf_source.race_points'::regclass"))
                .isEqualTo(1);
        assertThat(rowsPerDay()).isEqualTo(expectedRows(summary));
        assertThat(queryLong("SELECT count(*) FROM " + RacePointsLoader.partitionOf(LocalDate.of(2023, 7, 6))))
                .isEqualTo(summary.plan().raceDay(LocalDate.of(2023, 7, 6)).rows());

        // the bad points are in the table exactly as reported
        long outOfRange = summary.raceDays().stream().mapToLong(RaceDaySummary::outOfRangeRows).sum();
        long duplicates = summary.raceDays().stream().mapToLong(RaceDaySummary::duplicateRows).sum();
        assertThat(queryLong("SELECT count(*) FROM tdf_source.race_points WHERE lat NOT BETWEEN -90 AND 90 "
                + "OR lon NOT BETWEEN -180 AND 180")).isEqualTo(outOfRange).isEqualTo(4);
        assertThat(queryLong("SELECT count(*) - count(DISTINCT (bib, time)) FROM tdf_source.race_points"))
                .isEqualTo(duplicates).isEqualTo(8);
        for (BadPoint b : summary.badPoints()) {
            assertThat(queryLong("SELECT count(*) FROM tdf_source.race_points WHERE bib = " + b.bib()
                    + " AND time = '" + b.time() + "'")).as(b.toString())
                    .isEqualTo(b.kind() == BadPoint.Kind.DUPLICATE ? 2 : 1);
        }
    }

    @Test
    void storedRowsEqualTheGeneratedPoints() throws Exception {
        GENERATOR.generate(dir, Scale.TINY, 3, dataSource);
        List<RacePoint> expected = new ArrayList<>();
        GENERATOR.racePoints(Scale.TINY, 3).forEach(16, expected::add);
        List<RacePoint> stored = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT race_day, stage, bib, strava_id, time, lat, lon, altitude, distance,"
                     + " speed, heart_rate, cadence, power, temperature, moving FROM tdf_source.race_points"
                     + " WHERE race_day = '2023-07-18' ORDER BY bib, time, lat")) {
            while (rs.next()) {
                stored.add(new RacePoint(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3), rs.getLong(4),
                        rs.getObject(5, java.time.OffsetDateTime.class).toInstant(), rs.getDouble(6), rs.getDouble(7),
                        rs.getObject(8) == null ? null : Double.valueOf(Fmt.fixed(rs.getFloat(8), 1)),
                        rs.getDouble(9), Double.parseDouble(Fmt.fixed(rs.getFloat(10), 2)),
                        (Integer) intOrNull(rs, 11), (Integer) intOrNull(rs, 12), (Integer) intOrNull(rs, 13),
                        (Integer) intOrNull(rs, 14), rs.getInt(15) == 1));
            }
        }
        expected.sort(java.util.Comparator.comparing(RacePoint::bib).thenComparing(RacePoint::time)
                .thenComparing(RacePoint::lat));
        assertThat(stored).hasSize(expected.size()).isEqualTo(expected);
    }

    @Test
    void reRunWithTheSameSeedAndScaleSkipsEverything() throws Exception {
        GenerationSummary first = GENERATOR.generate(dir, Scale.TINY, 5, dataSource);
        String riders = Files.readString(first.ridersFile());
        long modified = Files.getLastModifiedTime(first.routeFile(6)).toMillis();
        execute("UPDATE tdf_source.race_points SET speed = -1 WHERE race_day = '2023-07-23'");

        GenerationSummary again = GENERATOR.generate(dir, Scale.TINY, 5, postgres.getJdbcUrl("postgres", "postgres"));

        assertThat(again.filesWritten()).isFalse();
        assertThat(again.daysLoaded()).isEmpty();
        assertThat(again.daysSkipped()).hasSize(4);
        assertThat(again.plan()).isEqualTo(first.plan());
        assertThat(Files.readString(first.ridersFile())).isEqualTo(riders);
        assertThat(Files.getLastModifiedTime(first.routeFile(6)).toMillis()).isEqualTo(modified);
        // the day was not reloaded (the marker trusted), so the edit is still there
        assertThat(queryLong("SELECT count(*) FROM tdf_source.race_points WHERE speed = -1")).isPositive();
    }

    @Test
    void reLoadingADayReplacesItsRows() throws Exception {
        GenerationSummary first = GENERATOR.generate(dir, Scale.TINY, 8, dataSource);
        LocalDate day = LocalDate.of(2023, 7, 6);
        RacePointsLoader loader = new RacePointsLoader(dataSource);
        RacePointGenerator other = GENERATOR.racePoints(Scale.TINY, 9);

        long rows = loader.loadRaceDay(day, other.iterator(6), "test reload");
        assertThat(rows).isEqualTo(other.plan().raceDay(day).rows());
        assertThat(queryLong("SELECT count(*) FROM tdf_source.race_points WHERE race_day = '" + day + "'")).isEqualTo(rows);
        List<Long> ids = other.plan().ridersWithData().stream().map(r -> r.stravaId().getAsLong()).toList();
        assertThat(queryLong("SELECT count(*) FROM tdf_source.race_points WHERE race_day = '" + day
                + "' AND strava_id NOT IN (" + ids.toString().replaceAll("[\\[\\]]", "") + ")")).isZero();
        assertThat(loader.loadedGeneration(day)).contains("test reload");

        // load it again: same count, not doubled
        loader.loadRaceDay(day, other.iterator(6), "test reload");
        assertThat(queryLong("SELECT count(*) FROM tdf_source.race_points WHERE race_day = '" + day + "'")).isEqualTo(rows);

        // the facade notices the day holds something else and puts its own generation back, only on that day
        GenerationSummary again = GENERATOR.generate(dir, Scale.TINY, 8, dataSource);
        assertThat(again.daysLoaded()).containsExactly(day);
        assertThat(rowsPerDay()).isEqualTo(expectedRows(first));
    }

    @Test
    void anotherScaleClearsTheDaysItDoesNotGenerate() throws Exception {
        GENERATOR.generate(dir, Scale.TINY, 4, dataSource);
        Scale two = new Scale("two-stages", 3, 60, List.of(1, 6), 1, 1);

        GenerationSummary summary = GENERATOR.generate(dir, two, 4, dataSource);

        assertThat(summary.filesWritten()).isTrue();
        assertThat(summary.daysLoaded()).containsExactly(LocalDate.of(2023, 7, 1), LocalDate.of(2023, 7, 6));
        assertThat(rowsPerDay()).isEqualTo(expectedRows(summary));
        assertThat(dir.resolve("routes").toFile().list()).containsExactlyInAnyOrder("stage-01.csv", "stage-06.csv");
        assertThatThrownBy(() -> summary.routeFile(16)).hasMessageContaining("stage 16 has no route at scale 'two-stages'");
    }

    @Test
    void aPointOfAnotherDayIsRejectedAndTheDayKeepsItsRows() throws Exception {
        GenerationSummary summary = GENERATOR.generate(dir, Scale.TINY, 2, dataSource);
        RacePointsLoader loader = new RacePointsLoader(dataSource);
        LocalDate day = LocalDate.of(2023, 7, 1);
        Iterator<RacePoint> wrong = GENERATOR.racePoints(Scale.TINY, 2).iterator(21);

        assertThatThrownBy(() -> loader.loadRaceDay(day, wrong, "wrong"))
                .hasMessageContaining("race day 2023-07-01")
                .hasMessageContaining("belongs to race day 2023-07-23");

        assertThat(queryLong("SELECT count(*) FROM tdf_source.race_points WHERE race_day = '" + day + "'"))
                .isEqualTo(summary.plan().raceDay(day).rows());
        assertThat(loader.loadedGeneration(day)).contains(TdfGenerator.generation(Scale.TINY, 2));
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThatThrownBy(() -> GENERATOR.generate(dir, Scale.TINY, 1, "jdbc:mysql://localhost/tdf"))
                .hasMessageContaining("'jdbc:mysql://localhost/tdf' is not a PostgreSQL URL");
        assertThatThrownBy(() -> GENERATOR.generate(null, Scale.TINY, 1, dataSource))
                .hasMessageContaining("output directory must not be null");
        assertThatThrownBy(() -> GENERATOR.generate(dir, null, 1, dataSource))
                .hasMessageContaining("scale must not be null");
        assertThatThrownBy(() -> GENERATOR.generate(dir, Scale.TINY, 1, (DataSource) null))
                .hasMessageContaining("dataSource must not be null");
        assertThatThrownBy(() -> new RacePointsLoader(dataSource).loadRaceDay(LocalDate.of(2023, 7, 1),
                java.util.Collections.emptyIterator(), " ")).hasMessageContaining("generation must name");
    }

    private static Object intOrNull(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Map<LocalDate, Long> expectedRows(GenerationSummary summary) {
        Map<LocalDate, Long> out = new TreeMap<>();
        summary.raceDays().forEach(d -> out.put(d.raceDay(), d.rows()));
        return out;
    }

    private static Map<LocalDate, Long> rowsPerDay() throws SQLException {
        Map<LocalDate, Long> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT race_day, count(*) FROM tdf_source.race_points GROUP BY race_day")) {
            while (rs.next()) {
                out.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
            }
        }
        return out;
    }

    private static long queryLong(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

}
