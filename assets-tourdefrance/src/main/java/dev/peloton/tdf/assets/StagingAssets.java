package dev.peloton.tdf.assets;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.core.In;
import dev.peloton.runtime.io.Sql;
import dev.peloton.runtime.io.TableRef;
import org.springframework.stereotype.Component;

/**
 * Staging: the landed data cleaned and typed. Bad race points are dropped (and counted), the riders sheet gets
 * types, routes get their distance measured point to point.
 */
@Component
public class StagingAssets {

    /** Mean Earth radius (m), for the haversine distance. */
    static final double EARTH_RADIUS_M = 6_371_008.8;

    private final Warehouse warehouse;

    public StagingAssets(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Asset(key = "staging/race_points", group = "staging", partitions = "race_days", ioManager = "duckdb",
            description = "The race points of one race day with valid coordinates, one point per rider and second:"
                    + " out-of-range positions and repeated points dropped, and counted")
    public Sql racePoints(@In("landing/race_points") TableRef landing, AssetContext context) {
        String valid = "lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180";
        long[] counts = warehouse.longs("SELECT count(*), count(*) FILTER (WHERE NOT (" + valid + ")),"
                + " count(*) FILTER (WHERE " + valid + ") - count(DISTINCT (bib, time)) FILTER (WHERE " + valid
                + ") FROM " + landing);
        context.addMetadata("landed_rows", counts[0]);
        context.addMetadata("dropped_out_of_range", counts[1]);
        context.addMetadata("dropped_duplicates", counts[2]);
        if (counts[1] + counts[2] > 0) {
            context.log().info("Race day {}: dropped {} points out of range and {} repeated points of {}",
                    context.partitionKey(), counts[1], counts[2], counts[0]);
        }
        Sql sql = Sql.of("""
                SELECT race_day, stage, bib, strava_id, time, lat, lon, altitude, distance, speed, heart_rate,
                       cadence, power, temperature, moving
                FROM %s
                WHERE %s
                QUALIFY row_number() OVER (PARTITION BY bib, time ORDER BY distance) = 1
                """.formatted(landing, valid));
        return sql;
    }

    @Asset(key = "staging/riders", group = "staging", ioManager = "duckdb",
            description = "The riders sheet typed: bib, name, team, country, Strava id, size and role")
    public Sql riders(@In("landing/riders") TableRef landing, AssetContext context) {
        Sql sql = Sql.of("""
                SELECT CAST(trim(bib) AS INTEGER) AS bib, trim(name) AS name, trim(slug) AS slug,
                       trim(team) AS team, trim(team_code) AS team_code, trim(country) AS country,
                       TRY_CAST(nullif(trim(strava_id), '') AS BIGINT) AS strava_id,
                       TRY_CAST(nullif(trim(height_cm), '') AS INTEGER) AS height_cm,
                       TRY_CAST(nullif(trim(weight_kg), '') AS DOUBLE) AS weight_kg,
                       trim(role) AS role
                FROM %s
                WHERE nullif(trim(bib), '') IS NOT NULL
                """.formatted(landing));
        return sql;
    }

    @Asset(key = "staging/stage_routes", group = "staging", partitions = "stages", ioManager = "duckdb",
            description = "The route of one stage in order, with the distance measured from the start along the"
                    + " points (haversine) next to the planned km")
    public Sql stageRoutes(@In("landing/stage_routes") TableRef landing, AssetContext context) {
        String r = Double.toString(EARTH_RADIUS_M);
        Sql sql = Sql.of("""
                WITH ordered AS (
                  SELECT *, lag(latitude) OVER w AS prev_lat, lag(longitude) OVER w AS prev_lon
                  FROM %s
                  WINDOW w AS (ORDER BY km_done)
                ), segments AS (
                  SELECT *, coalesce(2 * %s * asin(sqrt(
                           pow(sin(radians(latitude - prev_lat) / 2), 2)
                           + cos(radians(prev_lat)) * cos(radians(latitude))
                             * pow(sin(radians(longitude - prev_lon) / 2), 2))), 0) AS segment_m
                  FROM ordered
                )
                SELECT CAST(row_number() OVER (ORDER BY km_done) - 1 AS INTEGER) AS seq, latitude, longitude,
                       altitude, km_done, km_to_go, checkpoint_type, checkpoint_category,
                       round(sum(segment_m) OVER (ORDER BY km_done ROWS UNBOUNDED PRECEDING), 1) AS cum_distance_m
                FROM segments
                """.formatted(landing, r));
        return sql;
    }
}
