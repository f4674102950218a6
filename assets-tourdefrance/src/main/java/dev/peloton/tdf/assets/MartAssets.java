package dev.peloton.tdf.assets;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.core.In;
import dev.peloton.core.MappingKind;
import dev.peloton.runtime.io.Sql;
import dev.peloton.runtime.io.TableRef;
import org.springframework.stereotype.Component;

/**
 * Marts: the race's results, per race day. A rider finishes a stage when the GPS data reaches
 * {@value #FINISH_SHARE} of the route (riders who abandon stop well before); the stage time is from the rider's
 * first to last point, which also covers the time trial's staggered starts.
 */
@Component
public class MartAssets {

    /** Share of the route a rider's points must reach to count as finished. */
    public static final double FINISH_SHARE = 0.97;
    /** Riders whose times make a team's time on a stage, as in the race. */
    public static final int TEAM_RIDERS = 3;

    @Asset(key = "marts/stage_results", group = "marts", partitions = "race_days", ioManager = "duckdb",
            description = "Each finisher's result on the race day's stage: time, average speed, rank and gap to the"
                    + " winner")
    public Sql stageResults(@In("staging/race_points") TableRef points,
            @In(value = "staging/stage_routes", mapping = MappingKind.NAMED, named = "stage_of_race_day") TableRef route,
            @In("staging/riders") TableRef riders, AssetContext context) {
        int stage = TdfPartitions.stageOn(context.partitionKey());
        Sql sql = Sql.of("""
                WITH per_rider AS (
                  SELECT bib, min(time) AS start_time, max(time) AS finish_time, max(distance) AS distance_m
                  FROM %s GROUP BY bib
                ), route AS (
                  SELECT max(km_done) * 1000 AS length_m FROM %s
                ), finishers AS (
                  SELECT p.*, CAST(date_diff('second', start_time, finish_time) AS BIGINT) AS duration_s
                  FROM per_rider p, route
                  WHERE p.distance_m >= %s * route.length_m
                )
                SELECT CAST(%d AS INTEGER) AS stage, f.bib, r.name, r.team, r.team_code, f.start_time, f.finish_time,
                       f.duration_s, round(f.distance_m / 1000, 3) AS distance_km,
                       round(f.distance_m / 1000 / (f.duration_s / 3600.0), 2) AS avg_speed_kmh,
                       CAST(rank() OVER (ORDER BY f.duration_s) AS INTEGER) AS rank,
                       f.duration_s - min(f.duration_s) OVER () AS gap_s
                FROM finishers f LEFT JOIN %s r ON r.bib = f.bib
                ORDER BY rank, f.bib
                """.formatted(points, route, FINISH_SHARE, stage, riders));
        return sql;
    }

    @Asset(key = "marts/general_classification", group = "marts", partitions = "race_days", ioManager = "duckdb",
            description = "The general classification after the race day: riders who finished every stage so far,"
                    + " by total time, with the gap to the leader")
    public Sql generalClassification(
            @In(value = "marts/stage_results", mapping = MappingKind.WINDOW) TableRef results, AssetContext context) {
        Sql sql = Sql.of("""
                WITH results AS (SELECT * FROM %s),
                stages AS (SELECT count(DISTINCT partition_key) AS n FROM results),
                totals AS (
                  SELECT bib, any_value(name) AS name, any_value(team) AS team, any_value(team_code) AS team_code,
                         count(*) AS stages, sum(duration_s) AS total_s
                  FROM results GROUP BY bib
                )
                SELECT CAST(rank() OVER (ORDER BY total_s) AS INTEGER) AS rank, bib, name, team, team_code,
                       CAST(stages AS INTEGER) AS stages, CAST(total_s AS BIGINT) AS total_s,
                       CAST(total_s - min(total_s) OVER () AS BIGINT) AS gap_s
                FROM totals, stages
                WHERE totals.stages = stages.n
                ORDER BY rank, bib
                """.formatted(results.withPartitionColumns()));
        return sql;
    }

    @Asset(key = "marts/team_classification", group = "marts", partitions = "race_days", ioManager = "duckdb",
            description = "The team classification after the race day: on each stage a team's time is the sum of its"
                    + " best three riders' times; teams with fewer than three finishers with data on a stage are not"
                    + " classified")
    public Sql teamClassification(
            @In(value = "marts/stage_results", mapping = MappingKind.WINDOW) TableRef results, AssetContext context) {
        Sql sql = Sql.of("""
                WITH results AS (SELECT * FROM %1$s),
                stages AS (SELECT count(DISTINCT partition_key) AS n FROM results),
                ranked AS (
                  SELECT partition_key, team, team_code, duration_s,
                         row_number() OVER (PARTITION BY partition_key, team ORDER BY duration_s, bib) AS place
                  FROM results WHERE team IS NOT NULL
                ), per_stage AS (
                  SELECT partition_key, team, any_value(team_code) AS team_code, sum(duration_s) AS team_s
                  FROM ranked WHERE place <= %2$d
                  GROUP BY partition_key, team HAVING count(*) = %2$d
                ), totals AS (
                  SELECT team, any_value(team_code) AS team_code, count(*) AS stages, sum(team_s) AS total_s
                  FROM per_stage GROUP BY team
                )
                SELECT CAST(rank() OVER (ORDER BY total_s) AS INTEGER) AS rank, team, team_code,
                       CAST(total_s AS BIGINT) AS total_s, CAST(total_s - min(total_s) OVER () AS BIGINT) AS gap_s
                FROM totals, stages
                WHERE totals.stages = stages.n
                ORDER BY rank, team
                """.formatted(results.withPartitionColumns(), TEAM_RIDERS));
        return sql;
    }
}
