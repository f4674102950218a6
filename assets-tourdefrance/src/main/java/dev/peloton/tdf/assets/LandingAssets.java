package dev.peloton.tdf.assets;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.runtime.io.Column;
import dev.peloton.runtime.io.Rows;
import dev.peloton.runtime.io.Sql;
import dev.peloton.runtime.io.SqlText;
import dev.peloton.tdf.ExampleData;
import dev.peloton.tdf.generate.RacePointsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Landing: the source data copied into the warehouse as it is, one asset per source. The race points come from
 * PostgreSQL one race day at a time; the riders and stage list from the riders sheet; each stage's route from its
 * CSV file.
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

    /** DuckDB's types for the columns of a route CSV. */
    private static final String ROUTE_COLUMNS = "{'latitude': 'DOUBLE', 'longitude': 'DOUBLE', 'altitude': 'DOUBLE',"
            + " 'km_done': 'DOUBLE', 'km_to_go': 'DOUBLE', 'checkpoint_type': 'VARCHAR',"
            + " 'checkpoint_category': 'VARCHAR'}";

    private final ExampleData data;
    private final Warehouse warehouse;

    public LandingAssets(ExampleData data, Warehouse warehouse) {
        this.data = data;
        this.warehouse = warehouse;
    }

    @Asset(key = "landing/race_points", group = "landing", partitions = "race_days", ioManager = "duckdb",
            description = "GPS points of the riders with data on one race day, read from PostgreSQL"
                    + " (tdf_source.race_points) as they are: bad points included")
    public Rows racePoints(AssetContext context) throws SQLException {
        LocalDate day = LocalDate.parse(context.partitionKey());
        String select = "SELECT " + String.join(", ", RacePointsLoader.COLUMNS) + " FROM " + RacePointsLoader.TABLE
                + " WHERE race_day = ? ORDER BY bib, time";
        context.preview(previewRacePoints(select, day));
        return Rows.of(RACE_POINT_COLUMNS, out -> {
            try (Connection c = data.dataSource().getConnection()) {
                c.setAutoCommit(false); // a cursor: PostgreSQL sends the rows in batches, never all at once
                try (PreparedStatement ps = c.prepareStatement(select)) {
                    ps.setFetchSize(10_000);
                    ps.setObject(1, day);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.row(racePoint(rs));
                        }
                    }
                } finally {
                    c.rollback();
                }
            }
        });
    }

    private dev.peloton.core.TablePreview previewRacePoints(String select, LocalDate day) throws SQLException {
        try (Connection c = data.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(select + " LIMIT " + Warehouse.PREVIEW_ROWS)) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                return Warehouse.preview(rs, Warehouse.PREVIEW_ROWS);
            }
        }
    }

    private static Object[] racePoint(ResultSet rs) throws SQLException {
        OffsetDateTime time = rs.getObject(5, OffsetDateTime.class);
        short moving = rs.getShort(15);
        boolean movingNull = rs.wasNull();
        return new Object[] {rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3), rs.getLong(4),
                time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), nullableDouble(rs, 6),
                nullableDouble(rs, 7), nullableDouble(rs, 8), nullableDouble(rs, 9), nullableDouble(rs, 10),
                nullableInt(rs, 11), nullableInt(rs, 12), nullableInt(rs, 13), nullableInt(rs, 14),
                movingNull ? null : moving != 0};
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    @Asset(key = "landing/riders", group = "landing", ioManager = "duckdb",
            description = "The riders tab of the riders sheet, every cell as text")
    public Sql riders(AssetContext context) {
        return csv(context, data.ridersFile(), "riders tab");
    }

    @Asset(key = "landing/stages_info", group = "landing", ioManager = "duckdb",
            description = "The stages_info tab of the riders sheet, every cell as text")
    public Sql stagesInfo(AssetContext context) {
        return csv(context, data.stagesInfoFile(), "stages_info tab");
    }

    @Asset(key = "landing/stage_routes", group = "landing", partitions = "stages", ioManager = "duckdb",
            description = "The planned route of one stage from its CSV file: points with altitude, km done and to go,"
                    + " and the checkpoints")
    public Sql stageRoutes(AssetContext context) {
        int stage = Integer.parseInt(context.partitionKey());
        Path file = data.routeFile(stage);
        Sql sql;
        if (Files.isRegularFile(file)) {
            sql = Sql.of("SELECT * FROM read_csv(" + SqlText.literal(file.toString()) + ", header = true, columns = "
                    + ROUTE_COLUMNS + ")");
        } else {
            // Smaller scales generate a few stages only: the others have an empty route, not an error.
            context.log().info("Stage {} has no route file at scale '{}' ({} is missing): storing an empty route",
                    stage, data.scale().name(), file);
            sql = Sql.of("SELECT NULL::DOUBLE AS latitude, NULL::DOUBLE AS longitude, NULL::DOUBLE AS altitude,"
                    + " NULL::DOUBLE AS km_done, NULL::DOUBLE AS km_to_go, NULL::VARCHAR AS checkpoint_type,"
                    + " NULL::VARCHAR AS checkpoint_category WHERE false");
        }
        context.preview(warehouse.preview(sql));
        return sql;
    }

    private Sql csv(AssetContext context, Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The " + what + " of the riders sheet is missing: " + file
                    + " does not exist. Start the example with peloton.example.generate=true (the default) to"
                    + " generate it");
        }
        Sql sql = Sql.of("SELECT * FROM read_csv(" + SqlText.literal(file.toString())
                + ", header = true, all_varchar = true)");
        context.preview(warehouse.preview(sql));
        return sql;
    }
}
