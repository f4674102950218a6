package dev.peloton.tdf.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the tabs of the riders sheet as a Google Sheet CSV export gives them: a header row, CRLF between rows, no
 * line break after the last row, quotes only where needed, empty cells for missing values.
 */
public final class SheetWriter {

    /** Columns of the {@code riders} tab. */
    public static final List<String> RIDER_COLUMNS = List.of("bib", "name", "slug", "team", "team_code", "country",
            "strava_id", "height_cm", "weight_kg", "role");

    /** Columns of the {@code stages_info} tab. */
    public static final List<String> STAGE_COLUMNS = List.of("stage", "date", "start", "finish", "start_lat",
            "start_lon", "finish_lat", "finish_lon", "distance_km", "type");

    private SheetWriter() {
    }

    /** The {@code riders} tab, riders in bib order. */
    public static void writeRiders(List<Rider> riders, Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Csv.Writer csv = new Csv.Writer(w, Csv.Format.GOOGLE_SHEETS);
            csv.row(RIDER_COLUMNS.toArray());
            for (Rider r : riders) {
                csv.row(r.bib(), r.name(), r.slug(), r.team().name(), r.team().uciCode(), r.country(),
                        r.stravaId().isPresent() ? r.stravaId().getAsLong() : null, r.heightCm(), r.weightKg(),
                        r.role().label());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the riders tab to " + file, e);
        }
    }

    /** The {@code stages_info} tab: the 21 stages with start and finish labels and coordinates. */
    public static void writeStagesInfo(List<StageFacts> stages, Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Csv.Writer csv = new Csv.Writer(w, Csv.Format.GOOGLE_SHEETS);
            csv.row(STAGE_COLUMNS.toArray());
            for (StageFacts s : stages) {
                csv.row(s.stage(), s.date(), s.start(), s.finish(),
                        Fmt.fixed(s.startPoint().lat(), 6), Fmt.fixed(s.startPoint().lon(), 6),
                        Fmt.fixed(s.finishPoint().lat(), 6), Fmt.fixed(s.finishPoint().lon(), 6),
                        Fmt.fixed(s.lengthKm(), 2), s.type().label());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stages_info tab to " + file, e);
        }
    }
}
