package dev.peloton.tdf.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the Tour de France example's source data, deterministically from a seed at a scale:
 * <ul>
 *   <li>{@code dir/sheet/riders.csv} and {@code dir/sheet/stages_info.csv}: the tabs of the riders sheet, as a
 *       Google Sheet CSV export gives them;</li>
 *   <li>{@code dir/routes/stage-NN.csv}: the route of each generated stage;</li>
 *   <li>table {@code tdf_source.race_points} in PostgreSQL: the riders' GPS points, one partition per race day.</li>
 * </ul>
 * Re-running with the same seed and scale skips what is already done: the files when the marker file
 * {@value #MARKER_FILE} matches, each race day when the loads table says it holds this generation.
 */
public final class TdfGenerator {

    /** Bump when a code change alters the generated data, so that old output is regenerated. */
    public static final int GENERATOR_VERSION = 2;
    /** The marker file written last under the output directory. */
    public static final String MARKER_FILE = ".tdf-generated";

    private static final Logger LOG = LoggerFactory.getLogger(TdfGenerator.class);

    private final TdfFacts facts;

    public TdfGenerator() {
        this(TdfFacts.load());
    }

    public TdfGenerator(TdfFacts facts) {
        this.facts = facts;
    }

    /** The facts the data is generated from. */
    public TdfFacts facts() {
        return facts;
    }

    /** The 21 race days and the stage of each. */
    public RaceCalendar calendar() {
        return facts.calendar();
    }

    /** Writes the files and loads the race points into the PostgreSQL database at a JDBC URL. */
    public GenerationSummary generate(Path dir, Scale scale, long seed, String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("JDBC URL '" + jdbcUrl
                    + "' is not a PostgreSQL URL; expected jdbc:postgresql://host:port/database?user=...&password=...");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        return generate(dir, scale, seed, ds);
    }

    /** Writes the files and loads the race points into PostgreSQL; skips what this seed and scale already did. */
    public GenerationSummary generate(Path dir, Scale scale, long seed, DataSource dataSource) {
        requireArguments(dir, scale);
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource must not be null");
        }
        long started = System.nanoTime();
        List<Rider> riders = riders(seed);
        Map<Integer, Route> routes = routes(scale, seed);
        boolean written = writeFiles(dir, scale, seed, riders, routes);
        RacePointGenerator points = new RacePointGenerator(facts, riders, scale, seed, routes);
        RacePlan plan = points.plan();

        RacePointsLoader loader = new RacePointsLoader(dataSource);
        List<LocalDate> raceDays = calendar().raceDays();
        loader.createSchema(raceDays);
        String generation = generation(scale, seed);
        List<LocalDate> loaded = new ArrayList<>();
        List<LocalDate> skipped = new ArrayList<>();
        for (int stage = 1; stage <= TdfFacts.STAGE_COUNT; stage++) {
            LocalDate day = calendar().dateOf(stage);
            var current = loader.loadedGeneration(day);
            if (!scale.includes(stage)) {
                if (current.isPresent()) {
                    loader.clearRaceDay(day); // left over from another scale
                }
            } else if (current.isPresent() && current.get().equals(generation)) {
                skipped.add(day);
            } else {
                long rows = loader.loadRaceDay(day, points.iterator(stage), generation);
                long expected = plan.raceDay(day).rows();
                if (rows != expected) {
                    throw new IllegalStateException("race day " + day + ": loaded " + rows + " rows, the plan says "
                            + expected);
                }
                loaded.add(day);
            }
        }
        LOG.info("Tour de France data (scale {}, seed {}) ready in {} ms: files {}, {} race days loaded, {} kept",
                scale.name(), seed, (System.nanoTime() - started) / 1_000_000, written ? "written" : "kept",
                loaded.size(), skipped.size());
        return new GenerationSummary(dir, scale, seed, plan, written, loaded, skipped);
    }

    /**
     * Writes the sheet tabs and route CSVs under {@code dir} unless the marker says this seed and scale are there.
     *
     * @return true if the files were written, false if they were already there
     */
    public boolean writeFiles(Path dir, Scale scale, long seed) {
        requireArguments(dir, scale);
        if (markerMatches(dir, scale, seed)) {
            return false;
        }
        return writeFiles(dir, scale, seed, riders(seed), routes(scale, seed));
    }

    /** The riders sheet of a seed. */
    public List<Rider> riders(long seed) {
        return RidersGenerator.generate(facts, seed);
    }

    /** The routes of the stages of a scale. */
    public Map<Integer, Route> routes(Scale scale, long seed) {
        RouteGenerator generator = new RouteGenerator(facts);
        Map<Integer, Route> out = new LinkedHashMap<>();
        for (int stage : scale.stages()) {
            out.put(stage, generator.generate(stage, seed));
        }
        return out;
    }

    /** The race points of a seed and scale, to stream without a database. */
    public RacePointGenerator racePoints(Scale scale, long seed) {
        return new RacePointGenerator(facts, riders(seed), scale, seed, routes(scale, seed));
    }

    /** What a race day loaded from this seed and scale is recorded as. */
    public static String generation(Scale scale, long seed) {
        return "v" + GENERATOR_VERSION + ";seed=" + seed + ";" + scale.fingerprint();
    }

    /** {@code dir/sheet/riders.csv}. */
    public static Path ridersFile(Path dir) {
        return dir.resolve("sheet").resolve("riders.csv");
    }

    /** {@code dir/sheet/stages_info.csv}. */
    public static Path stagesInfoFile(Path dir) {
        return dir.resolve("sheet").resolve("stages_info.csv");
    }

    /** {@code dir/routes/stage-NN.csv}. */
    public static Path routeFile(Path dir, int stage) {
        return dir.resolve("routes").resolve(RouteCsv.fileName(stage));
    }

    private boolean writeFiles(Path dir, Scale scale, long seed, List<Rider> riders, Map<Integer, Route> routes) {
        if (markerMatches(dir, scale, seed)) {
            return false;
        }
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("output directory " + dir + " exists and is not a directory");
            }
            Files.deleteIfExists(dir.resolve(MARKER_FILE)); // a crash from here on leaves no marker: re-run rewrites
            Files.createDirectories(ridersFile(dir).getParent());
            Files.createDirectories(routeFile(dir, 1).getParent());
            atomically(ridersFile(dir), f -> SheetWriter.writeRiders(riders, f));
            atomically(stagesInfoFile(dir), f -> SheetWriter.writeStagesInfo(facts.stages(), f));
            for (Route route : routes.values()) {
                atomically(routeFile(dir, route.stage()), f -> RouteCsv.write(route, f));
            }
            try (DirectoryStream<Path> old = Files.newDirectoryStream(routeFile(dir, 1).getParent(), "stage-*.csv")) {
                for (Path p : old) {
                    if (routes.values().stream().noneMatch(r -> routeFile(dir, r.stage()).equals(p))) {
                        Files.delete(p); // a stage of another scale
                    }
                }
            }
            atomically(dir.resolve(MARKER_FILE), f -> write(f, marker(scale, seed)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Tour de France files under " + dir, e);
        }
        LOG.info("wrote the riders sheet and {} route CSVs under {}", routes.size(), dir);
        return true;
    }

    private boolean markerMatches(Path dir, Scale scale, long seed) {
        Path marker = dir.resolve(MARKER_FILE);
        try {
            if (!Files.isRegularFile(marker) || !Files.readString(marker, StandardCharsets.UTF_8)
                    .equals(marker(scale, seed))) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        if (!Files.isRegularFile(ridersFile(dir)) || !Files.isRegularFile(stagesInfoFile(dir))) {
            return false;
        }
        return scale.stages().stream().allMatch(s -> Files.isRegularFile(routeFile(dir, s)));
    }

    private static String marker(Scale scale, long seed) {
        return "generator=" + GENERATOR_VERSION + "\nseed=" + seed + "\nscale=" + scale.fingerprint() + "\n";
    }

    private static void atomically(Path target, Consumer<Path> writer) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        writer.accept(tmp);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void requireArguments(Path dir, Scale scale) {
        if (dir == null) {
            throw new IllegalArgumentException("output directory must not be null");
        }
        if (scale == null) {
            throw new IllegalArgumentException("scale must not be null; use Scale.TINY, Scale.SMALL or Scale.FULL");
        }
    }
}
