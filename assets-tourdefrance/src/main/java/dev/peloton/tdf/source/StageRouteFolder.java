package dev.peloton.tdf.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder of stage route CSVs, one file per stage ({@code stage-01.csv} .. {@code stage-21.csv}): the partitioned
 * file source of the example, and what a sensor watches when routes are dropped into a folder.
 *
 * <p>Each stage is read on its own: a missing file or a bad line throws a {@link StageFileException} for that stage
 * only. Rows are parsed as they are read, so a bad line late in a file fails before the whole file is in memory.
 */
public final class StageRouteFolder {

    /** The columns a route file must have (in any order; extra columns are ignored). */
    public static final List<String> COLUMNS = List.of("latitude", "longitude", "altitude", "km_done", "km_to_go",
            "checkpoint_type", "checkpoint_category");
    /** Stages are 1..21. */
    public static final int MAX_STAGE = 21;

    private static final Pattern FILE_NAME = Pattern.compile("stage-(\\d{2})\\.csv");
    private static final Pattern CHECKPOINT_TYPE = Pattern.compile("[a-z]+(\\+[a-z]+)*");
    private static final Set<String> CATEGORIES = Set.of("1", "2", "3", "4", "H");

    private final Path dir;

    /** @param dir the folder holding {@code stage-NN.csv} files (it may not exist yet: then it lists nothing) */
    public StageRouteFolder(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("route folder must not be null");
        }
        this.dir = dir;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The file of a stage: {@code dir/stage-NN.csv}. */
    public Path fileOf(int stage) {
        return dir.resolve(String.format("stage-%02d.csv", checkStage(stage)));
    }

    /**
     * The stage files present, by stage, with last-modified time and content hash. Files being written under another
     * name ({@code stage-01.csv.tmp}) and other files are ignored, so a sensor never sees half a file.
     */
    public List<StageFile> list() {
        List<StageFile> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = FILE_NAME.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                int stage = Integer.parseInt(m.group(1));
                if (stage < 1 || stage > MAX_STAGE) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        out.add(new StageFile(stage, f, a.lastModifiedTime().toInstant(), a.size(), sha256(f)));
                    }
                } catch (NoSuchFileException e) {
                    // deleted while listing: not there
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list route folder " + dir, e);
        }
        out.sort(Comparator.comparingInt(StageFile::stage));
        return out;
    }

    /** Reads a stage's route; throws {@link StageFileException} naming the file (and line, column, value). */
    public StageRoute read(int stage) {
        List<RoutePoint> points = new ArrayList<>(16_384);
        forEachPoint(stage, points::add);
        return new StageRoute(stage, fileOf(stage), points);
    }

    /**
     * Streams a stage's rows to {@code sink} as they are parsed; returns the row count. A bad line throws after the
     * rows before it were passed on, so a caller that writes them must write to a staging place.
     */
    public long forEachPoint(int stage, Consumer<RoutePoint> sink) {
        Path file = fileOf(stage);
        if (!Files.isRegularFile(file)) {
            throw new StageFileException(stage, file, 0, null, null, "stage " + stage + ": route file " + file
                    + " does not exist", null);
        }
        try (CsvRecordReader csv = new CsvRecordReader(file.toString(),
                Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            return parse(stage, file, csv, sink);
        } catch (IOException e) {
            throw new StageFileException(stage, file, 0, null, null, "stage " + stage + ": cannot read route file "
                    + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            if (e instanceof StageFileException s) {
                throw s;
            }
            throw new StageFileException(stage, file, 0, null, null, "stage " + stage + ": " + e.getMessage(), e);
        }
    }

    /** The outcome of reading one stage in {@link #readEach}. */
    public sealed interface Outcome permits Loaded, Failed {
    }

    /** The stage was read. */
    public record Loaded(StageRoute route) implements Outcome {
    }

    /** The stage failed; the others are unaffected. */
    public record Failed(StageFileException error) implements Outcome {
    }

    /** Reads each stage on its own; one stage's bad file fails that stage only. */
    public Map<Integer, Outcome> readEach(Collection<Integer> stages) {
        Map<Integer, Outcome> out = new LinkedHashMap<>();
        for (int stage : stages) {
            try {
                out.put(stage, new Loaded(read(stage)));
            } catch (StageFileException e) {
                out.put(stage, new Failed(e));
            }
        }
        return out;
    }

    private static long parse(int stage, Path file, CsvRecordReader csv, Consumer<RoutePoint> sink) {
        CsvRecordReader.CsvRecord header = csv.next();
        if (header == null || header.isBlank()) {
            throw new StageFileException(stage, file, 1, null, null, file + ": line 1: empty file, expected the header "
                    + COLUMNS, null);
        }
        int[] index = new int[COLUMNS.size()];
        for (int i = 0; i < COLUMNS.size(); i++) {
            index[i] = header.fields().indexOf(COLUMNS.get(i));
            if (index[i] < 0) {
                throw new StageFileException(stage, file, 1, COLUMNS.get(i), null, file + ": line 1: no column '"
                        + COLUMNS.get(i) + "' in header " + header.fields(), null);
            }
        }
        int width = header.fields().size();
        long rows = 0;
        CsvRecordReader.CsvRecord r;
        while ((r = csv.next()) != null) {
            if (r.isBlank()) {
                continue;
            }
            if (r.fields().size() != width) {
                throw new StageFileException(stage, file, r.line(), null, null, file + ": line " + r.line() + ": "
                        + r.fields().size() + " fields, the header has " + width, null);
            }
            double lat = number(stage, file, r, index, 0, -90, 90);
            double lon = number(stage, file, r, index, 1, -180, 180);
            double alt = number(stage, file, r, index, 2, -500, 9000);
            double km = number(stage, file, r, index, 3, 0, 1000);
            double toGo = number(stage, file, r, index, 4, 0, 1000);
            String type = r.fields().get(index[5]);
            if (!type.isEmpty() && !CHECKPOINT_TYPE.matcher(type).matches()) {
                throw bad(stage, file, r, 5, type, "not a checkpoint type (lower-case words joined by '+')");
            }
            String cat = r.fields().get(index[6]);
            if (!cat.isEmpty() && !CATEGORIES.contains(cat)) {
                throw bad(stage, file, r, 6, cat, "not a climb category (1, 2, 3, 4 or H)");
            }
            sink.accept(new RoutePoint(lat, lon, alt, km, toGo, type.isEmpty() ? null : type,
                    cat.isEmpty() ? null : cat));
            rows++;
        }
        return rows;
    }

    private static double number(int stage, Path file, CsvRecordReader.CsvRecord r, int[] index, int column,
                                 double min, double max) {
        String s = r.fields().get(index[column]);
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw bad(stage, file, r, column, s, "not a number");
        }
        if (!(v >= min && v <= max)) {
            throw bad(stage, file, r, column, s, "out of range " + min + ".." + max);
        }
        return v;
    }

    private static StageFileException bad(int stage, Path file, CsvRecordReader.CsvRecord r, int column, String value,
                                          String why) {
        String name = COLUMNS.get(column);
        return new StageFileException(stage, file, r.line(), name, value, file + ": line " + r.line() + ", column '"
                + name + "': '" + value + "' is " + why, null);
    }

    private static int checkStage(int stage) {
        if (stage < 1 || stage > MAX_STAGE) {
            throw new IllegalArgumentException("stage " + stage + " does not exist; stages are 1.." + MAX_STAGE);
        }
        return stage;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
