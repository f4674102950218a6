package dev.peloton.tdf.assets;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Reads the marts back: stage winners and the general classification, for the headless run and for tests. */
@Component
public class RaceResults {

    /** A stage winner. */
    public record StageWinner(String raceDay, int stage, int bib, String name, String team, long durationS,
                              double avgSpeedKmh) {
    }

    /** A line of the general classification. */
    public record GcLine(int rank, int bib, String name, String team, int stages, long totalS, long gapS) {
    }

    private final Warehouse warehouse;

    public RaceResults(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The winner of each race day with results, in race order (ties: the lower bib). */
    public List<StageWinner> stageWinners() {
        return warehouse.rows("SELECT partition_key, stage, bib, name, team, duration_s, avg_speed_kmh FROM "
                + Warehouse.table("marts/stage_results") + " WHERE rank = 1"
                + " QUALIFY row_number() OVER (PARTITION BY partition_key ORDER BY bib) = 1 ORDER BY partition_key")
                .stream().map(r -> new StageWinner((String) r.get("partition_key"), asInt(r.get("stage")),
                        asInt(r.get("bib")), (String) r.get("name"), (String) r.get("team"),
                        ((Number) r.get("duration_s")).longValue(), ((Number) r.get("avg_speed_kmh")).doubleValue()))
                .toList();
    }

    /** The last race day with a general classification, if any. */
    public Optional<String> lastClassifiedDay() {
        List<Map<String, Object>> rows = warehouse.rows("SELECT max(partition_key) AS day FROM "
                + Warehouse.table("marts/general_classification"));
        return rows.isEmpty() || rows.get(0).get("day") == null ? Optional.empty()
                : Optional.of((String) rows.get(0).get("day"));
    }

    /** The general classification after a race day, best first, at most {@code limit} lines. */
    public List<GcLine> generalClassification(String raceDay, int limit) {
        if (!raceDay.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("race day '" + raceDay + "' is not a date like 2023-07-23");
        }
        return warehouse.rows("SELECT rank, bib, name, team, stages, total_s, gap_s FROM "
                + Warehouse.table("marts/general_classification") + " WHERE partition_key = '" + raceDay
                + "' ORDER BY rank, bib LIMIT " + limit)
                .stream().map(r -> new GcLine(asInt(r.get("rank")), asInt(r.get("bib")), (String) r.get("name"),
                        (String) r.get("team"), asInt(r.get("stages")), ((Number) r.get("total_s")).longValue(),
                        ((Number) r.get("gap_s")).longValue()))
                .toList();
    }

    /** {@code 4:23:05} */
    public static String hms(long seconds) {
        return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    private static int asInt(Object v) {
        return ((Number) v).intValue();
    }
}
