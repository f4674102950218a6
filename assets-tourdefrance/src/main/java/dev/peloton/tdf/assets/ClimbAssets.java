package dev.peloton.tdf.assets;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.core.In;
import dev.peloton.core.MappingKind;
import dev.peloton.core.TablePreview;
import dev.peloton.runtime.io.Column;
import dev.peloton.runtime.io.Rows;
import dev.peloton.runtime.io.Sql;
import dev.peloton.runtime.io.TableRef;
import dev.peloton.tdf.generate.Climb;
import dev.peloton.tdf.generate.TdfFacts;
import dev.peloton.tdf.generate.TdfGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The named climbs: landed from the facts ({@code tdf2023/climbs.csv}), staged with their foot, and the time each
 * rider took from foot to summit. A climb's foot is at {@code summit_km - length_km}; climbs without a published
 * length have no foot and no times.
 */
@Component
public class ClimbAssets {

    static final List<Column> CLIMB_COLUMNS = List.of(Column.integer("stage"), Column.varchar("climb"),
            Column.varchar("category"), Column.doublePrecision("summit_km"),
            Column.doublePrecision("summit_altitude_m"), Column.doublePrecision("length_km"),
            Column.doublePrecision("avg_gradient_pct"));

    private final TdfFacts facts;

    public ClimbAssets(TdfGenerator generator) {
        this.facts = generator.facts();
    }

    @Asset(key = "landing/climbs", group = "landing", ioManager = "duckdb",
            description = "The named climbs of the 2023 Tour from the facts (tdf2023/climbs.csv): stage, summit km"
                    + " and altitude, official length and gradient when published")
    public Rows climbs(AssetContext context) {
        List<List<Object>> rows = new ArrayList<>();
        for (int stage = 1; stage <= TdfFacts.STAGE_COUNT; stage++) {
            for (Climb c : facts.climbs(stage)) {
                rows.add(Arrays.asList(c.stage(), c.name(), c.category(), c.summitKm(), c.summitAltitudeM(),
                        c.lengthKm().isPresent() ? c.lengthKm().getAsDouble() : null,
                        c.avgGradientPct().isPresent() ? c.avgGradientPct().getAsDouble() : null));
            }
        }
        context.addMetadata("source", "classpath:/tdf2023/climbs.csv");
        context.preview(new TablePreview(CLIMB_COLUMNS.stream().map(Column::name).toList(),
                rows.subList(0, Math.min(Warehouse.PREVIEW_ROWS, rows.size()))));
        return Rows.of(CLIMB_COLUMNS, rows);
    }

    @Asset(key = "staging/climbs", group = "staging", ioManager = "duckdb",
            description = "The named climbs with their foot (summit_km - length_km); foot_km is null when the length"
                    + " is not published")
    public Sql stagingClimbs(@In("landing/climbs") TableRef landing, AssetContext context) {
        Sql sql = Sql.of("""
                SELECT stage, trim(climb) AS climb, category, summit_km, summit_altitude_m, length_km,
                       avg_gradient_pct, round(summit_km - length_km, 3) AS foot_km
                FROM %s
                ORDER BY stage, summit_km
                """.formatted(landing));
        return sql;
    }

    @Asset(key = "marts/stage_metrics", group = "marts", partitions = "race_days", ioManager = "duckdb",
            description = "The race day's stage from its route: length (planned and measured along the points),"
                    + " total climbing and descent, lowest and highest point, named climbs")
    public Sql stageMetrics(
            @In(value = "staging/stage_routes", mapping = MappingKind.NAMED, named = "stage_of_race_day") TableRef route,
            @In("staging/climbs") TableRef climbs, AssetContext context) {
        int stage = TdfPartitions.stageOn(context.partitionKey());
        // Climbing is the sum of the rises between consecutive route points (the route is sampled every ~20 m).
        Sql sql = Sql.of("""
                WITH r AS (
                  SELECT km_done, cum_distance_m, altitude, altitude - lag(altitude) OVER (ORDER BY seq) AS rise
                  FROM %s
                ), m AS (
                  SELECT count(*) AS points, max(km_done) AS length_km, max(cum_distance_m) / 1000 AS measured_km,
                         sum(greatest(rise, 0)) AS climbing_m, -sum(least(rise, 0)) AS descent_m,
                         min(altitude) AS min_altitude_m, max(altitude) AS max_altitude_m
                  FROM r
                )
                SELECT CAST(%d AS INTEGER) AS stage, round(length_km, 3) AS length_km,
                       round(measured_km, 3) AS measured_length_km, round(climbing_m, 1) AS climbing_m,
                       round(descent_m, 1) AS descent_m, min_altitude_m, max_altitude_m,
                       CAST((SELECT count(*) FROM %s WHERE stage = %d) AS INTEGER) AS named_climbs
                FROM m
                WHERE points > 0
                """.formatted(route, stage, climbs, stage));
        return sql;
    }

    @Asset(key = "marts/climb_times", group = "marts", partitions = "race_days", ioManager = "duckdb",
            description = "Per rider and named climb of the race day's stage: the time from the foot to the summit,"
                    + " crossings found by distance along the route and interpolated between points; average speed"
                    + " and VAM (metres climbed per hour)")
    public Sql climbTimes(@In("staging/race_points") TableRef points,
            @In(value = "staging/stage_routes", mapping = MappingKind.NAMED, named = "stage_of_race_day") TableRef route,
            @In("staging/climbs") TableRef climbs, @In("staging/riders") TableRef riders, AssetContext context) {
        int stage = TdfPartitions.stageOn(context.partitionKey());
        Sql sql = Sql.of(climbTimesSql(points.toString(), route.toString(), climbs.toString(), riders.toString(),
                stage));
        return sql;
    }

    /**
     * A rider crosses a mark (foot or summit) between the two consecutive points whose distances bracket it, not at
     * the nearest point: stages 1 and 21 start and finish close together, and the time trial's riders pass the
     * same place at very different times. The time is interpolated linearly in distance between the two points.
     */
    static String climbTimesSql(String points, String route, String climbs, String riders, int stage) {
        return """
                WITH climbs AS (
                  SELECT climb, category, foot_km, summit_km FROM %3$s WHERE stage = %5$d AND foot_km IS NOT NULL
                ), marks AS (
                  SELECT climb, 'foot' AS mark, foot_km AS km FROM climbs
                  UNION ALL SELECT climb, 'summit' AS mark, summit_km AS km FROM climbs
                ), bracket AS (
                  SELECT m.climb, m.mark, m.km,
                         max(r.km_done) FILTER (WHERE r.km_done <= m.km) AS k0,
                         arg_max(r.altitude, r.km_done) FILTER (WHERE r.km_done <= m.km) AS a0,
                         min(r.km_done) FILTER (WHERE r.km_done >= m.km) AS k1,
                         arg_min(r.altitude, r.km_done) FILTER (WHERE r.km_done >= m.km) AS a1
                  FROM marks m, %2$s r
                  GROUP BY m.climb, m.mark, m.km
                ), altitudes AS (
                  SELECT climb, mark,
                         CASE WHEN k1 IS NULL OR k1 = k0 THEN a0 WHEN k0 IS NULL THEN a1
                              ELSE a0 + (a1 - a0) * (km - k0) / (k1 - k0) END AS altitude
                  FROM bracket
                ), pts AS (
                  SELECT bib, epoch(time) AS t, distance AS d,
                         lag(epoch(time)) OVER w AS pt, lag(distance) OVER w AS pd
                  FROM %1$s
                  WINDOW w AS (PARTITION BY bib ORDER BY time)
                ), crossings AS (
                  SELECT m.climb, m.mark, p.bib,
                         min(CASE WHEN p.pd IS NULL THEN p.t
                                  ELSE p.pt + (m.km * 1000 - p.pd) * (p.t - p.pt) / (p.d - p.pd) END) AS t
                  FROM marks m JOIN pts p
                    ON (p.pd < m.km * 1000 AND p.d >= m.km * 1000) OR (p.pd IS NULL AND p.d = m.km * 1000)
                  GROUP BY m.climb, m.mark, p.bib
                ), times AS (
                  SELECT c.climb, c.category, c.foot_km, c.summit_km, fa.altitude AS foot_alt,
                         sa.altitude AS summit_alt, f.bib, f.t AS foot_t, s.t AS summit_t, s.t - f.t AS seconds
                  FROM climbs c
                  JOIN crossings f ON f.climb = c.climb AND f.mark = 'foot'
                  JOIN crossings s ON s.climb = c.climb AND s.mark = 'summit' AND s.bib = f.bib
                  JOIN altitudes fa ON fa.climb = c.climb AND fa.mark = 'foot'
                  JOIN altitudes sa ON sa.climb = c.climb AND sa.mark = 'summit'
                )
                SELECT CAST(%5$d AS INTEGER) AS stage, t.climb, t.category, t.foot_km, t.summit_km,
                       round(t.summit_km - t.foot_km, 3) AS length_km, round(t.foot_alt, 1) AS foot_altitude_m,
                       round(t.summit_alt, 1) AS summit_altitude_m, round(t.summit_alt - t.foot_alt, 1) AS gain_m,
                       t.bib, r.name, r.team,
                       TIMESTAMP '1970-01-01' + to_microseconds(CAST(round(t.foot_t * 1e6) AS BIGINT)) AS foot_time,
                       TIMESTAMP '1970-01-01' + to_microseconds(CAST(round(t.summit_t * 1e6) AS BIGINT))
                           AS summit_time,
                       round(t.seconds, 1) AS climb_time_s,
                       round((t.summit_km - t.foot_km) / (t.seconds / 3600.0), 2) AS avg_speed_kmh,
                       round((t.summit_alt - t.foot_alt) / (t.seconds / 3600.0), 0) AS vam_m_per_h,
                       CAST(rank() OVER (PARTITION BY t.climb ORDER BY t.seconds) AS INTEGER) AS rank
                FROM times t LEFT JOIN %4$s r ON r.bib = t.bib
                ORDER BY t.summit_km, rank, t.bib
                """.formatted(points, route, climbs, riders, stage);
    }
}
