package dev.peloton.tdf.dashboard;

import dev.peloton.core.AssetKey;
import dev.peloton.tdf.assets.RaceResults;
import dev.peloton.tdf.assets.RaceResults.GcLine;
import dev.peloton.tdf.assets.Warehouse;
import dev.peloton.tdf.generate.Climb;
import dev.peloton.tdf.generate.RaceCalendar;
import dev.peloton.tdf.generate.TdfGenerator;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the race dashboard shows for one race day, read from the marts. Each mart is looked up on its own, so a
 * warehouse where only some marts (or some days) are materialized still shows what it has and says what it lacks.
 */
@Component
public class RaceDashboard {

    /** Lines shown of the stage results and of the general classification. */
    public static final int TOP = 20;

    static final String STAGE_RESULTS = "marts/stage_results";
    static final String GENERAL_CLASSIFICATION = "marts/general_classification";
    static final String TEAM_CLASSIFICATION = "marts/team_classification";

    /** A line of the stage results. */
    public record ResultLine(int rank, int bib, String name, String team, String time, String gap,
                             double avgSpeedKmh) {
    }

    /** A line of a classification (riders: bib and name; teams: bib 0 and the team as name). */
    public record ClassLine(int rank, int bib, String name, String team, String time, String gap) {
    }

    /** A climb of the stage that has a foot, so two riders can be compared on it. */
    public record ClimbOption(String name, String category) {
    }

    /** A race day offered in the chooser. */
    public record DayOption(String raceDay, int stage, boolean materialized) {
    }

    /**
     * One race day's dashboard.
     *
     * @param anyMaterialized whether the stage results mart holds any race day at all
     * @param stageResults    empty when the day's stage results are not materialized
     * @param gc              empty when the general classification is not materialized for the day
     * @param teams           empty when the team classification is not materialized for the day
     */
    public record Dashboard(String raceDay, int stage, List<DayOption> days, boolean anyMaterialized,
                            List<ResultLine> stageResults, List<ClassLine> gc, List<ClassLine> teams,
                            SpeedChart chart, List<ClimbOption> climbs) {
    }

    private final Warehouse warehouse;
    private final RaceResults results;
    private final TdfGenerator generator;
    private final RaceCalendar calendar;

    public RaceDashboard(Warehouse warehouse, RaceResults results, TdfGenerator generator) {
        this.warehouse = warehouse;
        this.results = results;
        this.generator = generator;
        this.calendar = generator.calendar();
    }

    /**
     * The dashboard of a race day; {@code raceDayText} null or blank means the latest day with stage results (the
     * first race day when none has).
     *
     * @throws IllegalArgumentException naming the text when it is not one of the 21 race days
     */
    public Dashboard load(String raceDayText) {
        List<String> materialized = materializedDays();
        String day = raceDayText == null || raceDayText.isBlank()
                ? (materialized.isEmpty() ? calendar.raceDays().getFirst().toString() : materialized.getLast())
                : validRaceDay(raceDayText.trim());
        int stage = calendar.stageOn(day);
        List<DayOption> days = calendar.raceDays().stream()
                .map(d -> new DayOption(d.toString(), calendar.stageOn(d), materialized.contains(d.toString())))
                .toList();
        List<ResultLine> stageResults = materialized.contains(day) ? stageResults(day) : List.of();
        List<ClassLine> gc = exists(GENERAL_CLASSIFICATION) ? generalClassification(day) : List.of();
        List<ClassLine> teams = exists(TEAM_CLASSIFICATION) ? teamClassification(day) : List.of();
        SpeedChart chart = SpeedChart.of(materialized.isEmpty() ? List.of() : results.stageWinners(), day);
        List<ClimbOption> climbs = generator.facts().climbs(stage).stream()
                .filter(c -> c.lengthKm().isPresent())
                .map((Climb c) -> new ClimbOption(c.name(), c.category()))
                .toList();
        return new Dashboard(day, stage, days, !materialized.isEmpty(), stageResults, gc, teams, chart, climbs);
    }

    /** The race day the text names; the message says what is wrong and which days are valid. */
    String validRaceDay(String text) {
        LocalDate day;
        try {
            day = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Race day '" + text + "' is not a date like 2023-07-04; race days are "
                    + range());
        }
        if (!calendar.isRaceDay(day)) {
            throw new IllegalArgumentException("Race day '" + text + "' is not one of the 21 race days of the 2023"
                    + " Tour" + (calendar.restDays().contains(day) ? " (it is a rest day)" : "") + "; race days are "
                    + range());
        }
        return day.toString();
    }

    private String range() {
        return calendar.raceDays().getFirst() + ".." + calendar.raceDays().getLast() + " without the rest days "
                + calendar.restDays().get(0) + " and " + calendar.restDays().get(1);
    }

    /** The race days the stage results mart holds, in race order. */
    List<String> materializedDays() {
        if (!exists(STAGE_RESULTS)) {
            return List.of();
        }
        return warehouse.rows("SELECT DISTINCT partition_key FROM " + Warehouse.table(STAGE_RESULTS)
                + " ORDER BY partition_key").stream().map(r -> (String) r.get("partition_key")).toList();
    }

    /** Whether the asset's table exists: a missing table is a mart never materialized, not an error. */
    boolean exists(String assetKey) {
        List<String> path = AssetKey.parse(assetKey).path();
        String schema = path.size() == 1 ? "main" : path.getFirst();
        String table = path.size() == 1 ? path.getFirst() : String.join("__", path.subList(1, path.size()));
        return warehouse.longs("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                + schema.replace("'", "''") + "' AND table_name = '" + table.replace("'", "''") + "'")[0] > 0;
    }

    // The day is a validated ISO date from the calendar, so it is safe to write into the SQL text.
    private List<ResultLine> stageResults(String day) {
        return warehouse.rows("SELECT rank, bib, name, team, duration_s, gap_s, avg_speed_kmh FROM "
                + Warehouse.table(STAGE_RESULTS) + " WHERE partition_key = '" + day + "' ORDER BY rank, bib LIMIT "
                + TOP).stream().map(r -> new ResultLine(num(r, "rank").intValue(), num(r, "bib").intValue(),
                        (String) r.get("name"), (String) r.get("team"), RaceResults.hms(num(r, "duration_s").longValue()),
                        gap(num(r, "gap_s").longValue()), num(r, "avg_speed_kmh").doubleValue()))
                .toList();
    }

    private List<ClassLine> generalClassification(String day) {
        return results.generalClassification(day, TOP).stream().map((GcLine g) -> new ClassLine(g.rank(), g.bib(),
                g.name(), g.team(), RaceResults.hms(g.totalS()), gap(g.gapS()))).toList();
    }

    private List<ClassLine> teamClassification(String day) {
        return warehouse.rows("SELECT rank, team, total_s, gap_s FROM " + Warehouse.table(TEAM_CLASSIFICATION)
                + " WHERE partition_key = '" + day + "' ORDER BY rank, team").stream()
                .map(r -> new ClassLine(num(r, "rank").intValue(), 0, (String) r.get("team"), (String) r.get("team"),
                        RaceResults.hms(num(r, "total_s").longValue()), gap(num(r, "gap_s").longValue())))
                .toList();
    }

    /** {@code +0:01:23}; the leader's line shows no gap. */
    static String gap(long seconds) {
        return seconds <= 0 ? "" : "+" + RaceResults.hms(seconds);
    }

    private static Number num(Map<String, Object> row, String column) {
        return (Number) row.get(column);
    }
}
