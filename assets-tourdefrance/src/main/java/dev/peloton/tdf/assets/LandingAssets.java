package dev.peloton.tdf.assets;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.core.TablePreview;
import dev.peloton.runtime.io.Column;
import dev.peloton.runtime.io.Rows;
import dev.peloton.runtime.io.RowWriter;
import dev.peloton.tdf.source.GoogleSheetSource;
import dev.peloton.tdf.source.LocalSheetServer;
import dev.peloton.tdf.source.PostgresRaceSource;
import dev.peloton.tdf.source.RacePointCursor;
import dev.peloton.tdf.source.RacePointRow;
import dev.peloton.tdf.source.RoutePoint;
import dev.peloton.tdf.source.SheetTable;
import dev.peloton.tdf.source.StageRoute;
import dev.peloton.tdf.source.StageRouteFolder;
import dev.peloton.tdf.source.RaceDayFingerprint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Landing: the source data copied into the warehouse as it is, one asset per source. The race points are streamed
 * from PostgreSQL one race day at a time; the riders and the stage list come from the riders sheet (Google Sheets,
 * or the local server that stands in for it); each stage's route from its CSV file in the drop folder.
 */
@Component
public class LandingAssets {

    /** The columns of {@code landing/race_points}, as the race points table has them. */
    static final List<Column> RACE_POINT_COLUMNS = List.of(Column.date("race_day"), Column.integer("stage"),
            Column.integer("bib"), Column.bigint("strava_id"), Column.timestamp("time"),
            Column.doublePrecision("lat"), Column.doublePrecision("lon"), Column.doublePrecision("altitude"),
            Column.doublePrecision("distance"), Column.doublePrecision("speed"), Column.integer("heart_rate"),
            Column.integer("cadence"), Column.integer("power"), Column.integer("temperature"),
            Column.bool("moving"));

    static final List<Column> ROUTE_COLUMNS = List.of(Column.doublePrecision("latitude"),
            Column.doublePrecision("longitude"), Column.doublePrecision("altitude"), Column.doublePrecision("km_done"),
            Column.doublePrecision("km_to_go"), Column.varchar("checkpoint_type"),
            Column.varchar("checkpoint_category"));

    /**
     * The concurrency pool of the steps that stream from the race source: each holds a source connection and a core
     * for a whole race day, so only a few run at once ({@code peloton.pools.tdf_race_source}).
     */
    public static final String RACE_SOURCE_POOL = "tdf_race_source";

    private final PostgresRaceSource race;
    private final GoogleSheetSource sheet;
    private final StageRouteFolder routes;

    public LandingAssets(PostgresRaceSource race, GoogleSheetSource sheet, StageRouteFolder routes) {
        this.race = race;
        this.sheet = sheet;
        this.routes = routes;
    }

    @Asset(key = "landing/race_points", group = "landing", partitions = "race_days", ioManager = "duckdb",
            pool = RACE_SOURCE_POOL,
            description = "GPS points of the riders with data on one race day, streamed from PostgreSQL"
                    + " (tdf_source.race_points) as they are: bad points included")
    public Rows racePoints(AssetContext context) {
        LocalDate day = PostgresRaceSource.raceDay(context.partitionKey());
        // The day's rows decide the data version, not the code alone: a reloaded day makes staging stale.
        context.dataVersion(sourceVersion(race.fingerprint(day)));
        return Rows.of(RACE_POINT_COLUMNS, out -> {
            try (RacePointCursor points = race.open(day)) {
                RacePointRow row = points.row();
                while (points.advance()) {
                    write(row, out);
                }
            }
        });
    }

    /** A short hash of the race day's source fingerprint (row count, latest point, load time and generation). */
    static String sourceVersion(RaceDayFingerprint fingerprint) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(fingerprint.token().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** One row, straight from the COPY buffer into the appender: no object per row or value. */
    private static void write(RacePointRow p, RowWriter out) throws Exception {
        out.add(p.raceDay()).add(p.stage()).add(p.bib()).add(p.stravaId())
                .addEpochMicros(p.epochSecond() * 1_000_000L).add(p.lat()).add(p.lon());
        if (p.hasAltitude()) {
            out.add(p.altitude());
        } else {
            out.addNull();
        }
        out.add(p.distance()).add(p.speed());
        optional(out, p.hasHeartRate(), p.heartRate());
        optional(out, p.hasCadence(), p.cadence());
        optional(out, p.hasPower(), p.power());
        optional(out, p.hasTemperature(), p.temperature());
        out.add(p.moving());
        out.endRow();
    }

    private static void optional(RowWriter out, boolean present, int value) throws Exception {
        if (present) {
            out.add(value);
        } else {
            out.addNull();
        }
    }

    @Asset(key = "landing/riders", group = "landing", ioManager = "duckdb",
            description = "The riders tab of the riders sheet, every cell as text")
    public Rows riders(AssetContext context) {
        return tab(context, sheet.readByGid("riders", LocalSheetServer.RIDERS_GID)
                .require(List.of("bib", "name", "team", "team_code")));
    }

    @Asset(key = "landing/stages_info", group = "landing", ioManager = "duckdb",
            description = "The stages_info tab of the riders sheet, every cell as text")
    public Rows stagesInfo(AssetContext context) {
        return tab(context, sheet.readByName("stages_info").require(List.of("stage", "date", "distance_km")));
    }

    private static Rows tab(AssetContext context, SheetTable table) {
        List<Column> columns = table.header().stream().map(Column::varchar).toList();
        context.addMetadata("source", table.url());
        context.preview(new TablePreview(table.header(),
                table.rows().stream().limit(Warehouse.PREVIEW_ROWS).map(r -> List.<Object>copyOf(r)).toList()));
        return Rows.of(columns, table.rows());
    }

    @Asset(key = "landing/stage_routes", group = "landing", partitions = "stages", ioManager = "duckdb",
            description = "The planned route of one stage from its CSV file in the drop folder: points with altitude,"
                    + " km done and to go, and the checkpoints")
    public Rows stageRoutes(AssetContext context) {
        int stage = Integer.parseInt(context.partitionKey());
        if (!Files.isRegularFile(routes.fileOf(stage))) {
            // Smaller scales generate a few stages only: the others have an empty route, not an error.
            context.log().info("Stage {} has no route file ({} is missing): storing an empty route", stage,
                    routes.fileOf(stage));
            context.addMetadata("source", routes.fileOf(stage).toString());
            return Rows.of(ROUTE_COLUMNS, List.of());
        }
        StageRoute route = routes.read(stage);
        context.addMetadata("source", route.file().toString());
        context.addMetadata("length_km", route.lengthKm());
        List<List<Object>> rows = new ArrayList<>(route.points().size());
        for (RoutePoint p : route.points()) {
            rows.add(java.util.Arrays.asList(p.lat(), p.lon(), p.altitude(), p.kmDone(), p.kmToGo(),
                    p.checkpointType(), p.checkpointCategory()));
        }
        context.preview(new TablePreview(ROUTE_COLUMNS.stream().map(Column::name).toList(),
                rows.subList(0, Math.min(Warehouse.PREVIEW_ROWS, rows.size()))));
        return Rows.of(ROUTE_COLUMNS, rows);
    }
}
