package dev.peloton.tdf.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The route CSV of a stage: {@code latitude,longitude,altitude,km_done,km_to_go,checkpoint_type,checkpoint_category},
 * one row about every 20 m; the checkpoint columns are empty except at the start and at checkpoints.
 */
public final class RouteCsv {

    /** The header row. */
    public static final List<String> COLUMNS = List.of("latitude", "longitude", "altitude", "km_done", "km_to_go",
            "checkpoint_type", "checkpoint_category");

    private RouteCsv() {
    }

    /** The file name of a stage's route: {@code stage-01.csv} .. {@code stage-21.csv}. */
    public static String fileName(int stage) {
        return String.format("stage-%02d.csv", TdfFacts.checkStage(stage));
    }

    /** Writes the route (LF line ends, UTF-8). */
    public static void write(Route route, Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Csv.Writer csv = new Csv.Writer(w, Csv.Format.UNIX);
            csv.row(COLUMNS.toArray());
            StringBuilder sb = new StringBuilder(96);
            for (int i = 0; i < route.size(); i++) {
                sb.setLength(0);
                Fmt.fixed(sb, route.lat(i), 6).append(',');
                Fmt.fixed(sb, route.lon(i), 6).append(',');
                Fmt.fixed(sb, route.altitude(i), 1).append(',');
                Fmt.fixed(sb, route.km(i), 3).append(',');
                Fmt.fixed(sb, route.kmToGo(i), 3).append(',');
                if (route.checkpointType(i) != null) {
                    sb.append(route.checkpointType(i));
                }
                sb.append(',');
                if (route.checkpointCategory(i) != null) {
                    sb.append(route.checkpointCategory(i));
                }
                csv.rawRow(sb);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write route of stage " + route.stage() + " to " + file, e);
        }
    }

    /** Reads a route CSV back (the climbs are not in the file: the result has none). */
    public static Route read(int stage, Path file) {
        Csv.Table t;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            t = Csv.read(file.toString(), r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!t.header().equals(COLUMNS)) {
            throw new IllegalArgumentException(file + ": header " + t.header() + " is not " + COLUMNS);
        }
        int n = t.rows().size();
        double[] lat = new double[n];
        double[] lon = new double[n];
        double[] alt = new double[n];
        double[] km = new double[n];
        String[] type = new String[n];
        String[] cat = new String[n];
        for (int i = 0; i < n; i++) {
            List<String> row = t.rows().get(i);
            try {
                lat[i] = Double.parseDouble(row.get(0));
                lon[i] = Double.parseDouble(row.get(1));
                alt[i] = Double.parseDouble(row.get(2));
                km[i] = Double.parseDouble(row.get(3));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": row " + (i + 2) + ": not a number: " + row, e);
            }
            type[i] = row.get(5).isEmpty() ? null : row.get(5);
            cat[i] = row.get(6).isEmpty() ? null : row.get(6);
        }
        return new Route(stage, lat, lon, alt, km, type, cat, new ArrayList<>());
    }
}
