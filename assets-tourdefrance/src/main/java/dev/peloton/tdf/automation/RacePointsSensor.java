package dev.peloton.tdf.automation;

import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.runtime.automation.SensorContext;
import dev.peloton.runtime.automation.SensorEvaluator;
import dev.peloton.runtime.automation.SensorResult;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.tdf.assets.TdfPartitions;
import dev.peloton.tdf.source.PostgresRaceSource;
import dev.peloton.tdf.source.RaceDayFingerprint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Watches {@code tdf_source.race_points} in PostgreSQL: a race day whose rows changed (count, latest point, or a
 * reload recorded in the loads table) starts one run of the race-day assets for that day.
 *
 * <p>The cursor holds each day's {@link RaceDayFingerprint#token() fingerprint token}; one query per evaluation
 * reads them all. The run key is {@code <day>:<token>}, so one state of a day's rows runs once. A day whose rows
 * are deleted runs too (its marts must lose them). Rows dated on a day that is not a race day cannot be
 * materialized: they are named in the tick's skip reason and ignored. The first evaluation takes the days as they
 * are as its baseline: the generator just loaded them, and the backfill and nightly schedule cover them.
 */
public final class RacePointsSensor implements SensorEvaluator {

    public static final String NAME = "race_point_rows";

    private final PostgresRaceSource source;

    public RacePointsSensor(PostgresRaceSource source) {
        this.source = source;
    }

    @Override
    public SensorResult evaluate(SensorContext context) {
        Map<LocalDate, RaceDayFingerprint> fingerprints = source.fingerprints();
        Map<String, String> tokens = new TreeMap<>();
        fingerprints.forEach((day, f) -> tokens.put(day.toString(), f.token()));
        CursorMap now = CursorMap.of(tokens);
        if (context.cursor() == null) {
            return SensorResult.skip("first look at the race points: the " + tokens.size()
                    + " race days there are the baseline; rows added or changed from now on start a run", now.encode());
        }
        CursorMap before = CursorMap.decode(context.cursor());
        TreeSet<String> days = new TreeSet<>(now.entries().keySet());
        days.addAll(before.entries().keySet());
        SensorResult.Builder result = SensorResult.builder().cursor(now.encode());
        List<String> notRaceDays = new ArrayList<>();
        for (String day : days) {
            String token = now.get(day) != null ? now.get(day)
                    : new RaceDayFingerprint(LocalDate.parse(day), 0, null, null, null).token();
            if (token.equals(before.get(day))) {
                continue;
            }
            if (TdfPartitions.RACE_DAYS.indexOf(day) < 0) {
                notRaceDays.add(day);
                continue;
            }
            RunRequest request = new RunRequest(TdfAutomation.RACE_DAY_ASSETS, PartitionSelection.keys(day), false,
                    false, null, 0, Map.of("tdf/race-day", day, "tdf/fingerprint", token), null, null);
            result.run(day + ":" + token, request);
        }
        String ignored = notRaceDays.isEmpty() ? "" : "; rows changed on " + notRaceDays
                + ", which are not race days (" + TdfPartitions.RACE_DAYS.describe() + "): ignored";
        return result.skipReasonIfEmpty("no race day has new or changed rows" + ignored).build();
    }
}
