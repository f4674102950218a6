package dev.peloton.tdf;

import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.StepStorage;
import dev.peloton.tdf.assets.Warehouse;
import dev.peloton.tdf.source.PostgresRaceSource;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code bench/run tdf}: with {@code peloton.example.bench=true} and the headless backfill, measures the backfill
 * that {@link HeadlessBackfill} ran and prints its figures as {@code figure: <name> <value> <unit>} lines, after a
 * profile of where the run's time went per asset.
 *
 * <p>The landing rate is the rows of {@code landing/race_points} divided by the time during which at least one of
 * its steps ran (they run in parallel with each other and with other steps). The raw COPY rate is measured right
 * after, in the same process and on the same database: the same {@code COPY ... TO STDOUT} statements the landing
 * asset runs, one race day after the other, output discarded.
 */
@Component
@Order(HeadlessBackfill.ORDER + 1)
class BackfillBenchmark implements ApplicationRunner {

    static final String LANDING = "landing/race_points";
    private static final long SAMPLE_MILLIS = 500;

    /** The figures of one benchmark run. */
    record Figures(double generateS, double totalS, long landedRows, double landingWallS, double landingRate,
                   long copiedRows, double copyS, double copyRate, double ratio, OptionalLong peakRssMb,
                   OptionalLong postgresPeakMb) {
    }

    private final ExampleProperties example;
    private final HeadlessBackfill headless;
    private final SourceGeneration generation;
    private final ExampleData data;
    private final PostgresRaceSource race;
    private final Warehouse warehouse;
    private final DataSource dataSource;
    private final PrintStream out = System.out;
    private ProcessMemory.TreeSampler postgresMemory;
    private volatile Figures figures;

    BackfillBenchmark(ExampleProperties example, HeadlessBackfill headless, SourceGeneration generation,
            ExampleData data, PostgresRaceSource race, Warehouse warehouse, DataSource dataSource) {
        this.example = example;
        this.headless = headless;
        this.generation = generation;
        this.data = data;
        this.race = race;
        this.warehouse = warehouse;
        this.dataSource = dataSource;
    }

    private boolean enabled() {
        return example.bench() && example.headless();
    }

    /** Starts sampling PostgreSQL's memory before the backfill is queued (runners run after this event). */
    @EventListener(ApplicationStartedEvent.class)
    void startSampling() {
        if (enabled()) {
            postmasterPid().ifPresent(pid -> postgresMemory = new ProcessMemory.TreeSampler(pid, SAMPLE_MILLIS));
        }
    }

    @Override
    public void run(ApplicationArguments args) throws SQLException {
        if (!enabled()) {
            return;
        }
        Optional<RunRecord> finished = headless.finishedRun();
        if (finished.isEmpty() || finished.get().status() != RunStatus.SUCCESS) {
            System.err.println("Benchmark: no figures, the backfill did not succeed");
            stopSampling();
            return;
        }
        RunRecord run = finished.get();
        StepProfile profile = StepProfile.of(new StepStorage(dataSource).list(run.id()));
        printProfile(run, profile);
        long landed = warehouse.longs("SELECT count(*) FROM " + Warehouse.table(LANDING))[0];
        double landingWall = seconds(profile.of(LANDING).wall());
        long[] copy = copyAll();
        OptionalLong postgresPeak = stopSampling();
        double copyS = copy[1] / 1e9;
        double landingRate = landed / landingWall;
        double copyRate = copy[0] / copyS;
        Figures f = new Figures(seconds(generation.elapsed()),
                seconds(Duration.between(run.createdAt(), run.endedAt())), landed, landingWall, landingRate,
                copy[0], copyS, copyRate, landingRate / copyRate,
                mb(ProcessMemory.peakRssKb()), mb(postgresPeak));
        figures = f;
        out.println();
        out.printf("Landed %,d rows in %.1f s of landing steps; COPY TO STDOUT streamed %,d rows in %.1f s%n",
                landed, landingWall, copy[0], copyS);
        out.printf("figure: tdf_generate %.1f s%n", f.generateS());
        out.printf("figure: tdf_total %.1f s%n", f.totalS());
        out.printf("figure: tdf_landing_rate %.0f rows/s%n", f.landingRate());
        out.printf("figure: tdf_copy_rate %.0f rows/s%n", f.copyRate());
        out.printf("figure: tdf_ratio %.2f x%n", f.ratio());
        f.peakRssMb().ifPresent(mb -> out.printf("figure: tdf_peak_rss %d MB%n", mb));
        f.postgresPeakMb().ifPresent(mb -> out.printf("figure: tdf_postgres_peak_pss %d MB%n", mb));
    }

    /** The figures of the last run, once printed. */
    Optional<Figures> figures() {
        return Optional.ofNullable(figures);
    }

    private void printProfile(RunRecord run, StepProfile profile) {
        Instant zero = run.startedAt() != null ? run.startedAt() : run.createdAt();
        out.println();
        out.println("Step profile: steps, busy (sum of step durations), wall (time at least one step ran),"
                + " from..to (s after the run started)");
        profile.byAsset().values().forEach(t -> out.printf("  %-32s %3d steps  busy %7.1f s  wall %6.1f s  %6.1f..%6.1f%n",
                t.asset(), t.steps(), seconds(t.busy()), seconds(t.wall()),
                seconds(Duration.between(zero, t.firstStart())), seconds(Duration.between(zero, t.lastEnd()))));
    }

    /** Every race day's COPY, one after the other, into a sink that discards it: {rows, nanoseconds}. */
    private long[] copyAll() throws SQLException {
        long rows = 0;
        long nanos = 0;
        try (Connection c = dataSource.getConnection()) {
            var copyApi = c.unwrap(PGConnection.class).getCopyAPI();
            for (LocalDate day : data.calendar().raceDays()) {
                long started = System.nanoTime();
                try {
                    rows += copyApi.copyOut(race.copySql(day), OutputStream.nullOutputStream());
                } catch (java.io.IOException e) {
                    throw new SQLException("COPY of race day " + day + " failed: " + e.getMessage(), e);
                }
                nanos += System.nanoTime() - started;
            }
        }
        return new long[] {rows, nanos};
    }

    private OptionalLong postmasterPid() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            return rs.next() ? ProcessMemory.parentOf(rs.getLong(1)) : OptionalLong.empty();
        } catch (SQLException e) {
            return OptionalLong.empty(); // not a local server: no figure
        }
    }

    private OptionalLong stopSampling() {
        ProcessMemory.TreeSampler sampler = postgresMemory;
        if (sampler == null) {
            return OptionalLong.empty();
        }
        sampler.close();
        return sampler.peakKb();
    }

    private static OptionalLong mb(OptionalLong kb) {
        return kb.isPresent() ? OptionalLong.of(Math.round(kb.getAsLong() / 1024.0)) : OptionalLong.empty();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
