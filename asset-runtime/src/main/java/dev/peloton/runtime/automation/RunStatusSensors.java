package dev.peloton.runtime.automation;

import dev.peloton.runtime.storage.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Sensors that react to runs ending. */
public final class RunStatusSensors {

    /**
     * Runs commit their end in any order across workers: one that ended a little before the newest seen one may
     * become visible later. Runs are looked for this far behind the watermark, and the ids already handled within
     * it are kept in the cursor, so such a run is handled once, late, rather than never.
     */
    static final Duration LOOKBACK = Duration.ofMinutes(2);
    private static final int BATCH = 200;

    private RunStatusSensors() {
    }

    /**
     * A sensor that calls {@code listener} once for each run that fails. On its first evaluation it looks back
     * {@link #LOOKBACK}; after that its cursor (the newest end time seen and the recent run ids handled) makes each
     * failure reported once, across restarts and nodes.
     */
    public static SensorDefinition onFailure(String name, int intervalSeconds, RunFinishedListener listener) {
        return SensorDefinition.of(name, intervalSeconds, context -> {
            Cursor cursor = context.cursor() == null
                    ? new Cursor(context.tickTime().minus(LOOKBACK), Set.of())
                    : Cursor.parse(name, context.cursor());
            List<FinishedRun> failed = context.data().runsEndedAfter(RunStatus.FAILURE,
                    cursor.watermark().minus(LOOKBACK), BATCH);
            Instant watermark = cursor.watermark();
            int handled = 0;
            for (FinishedRun run : failed) {
                if (!cursor.seen().contains(run.runId())) {
                    listener.runFinished(run);
                    handled++;
                }
                if (run.endedAt().isAfter(watermark)) {
                    watermark = run.endedAt();
                }
            }
            Instant keepFrom = watermark.minus(LOOKBACK);
            Set<String> seen = failed.stream().filter(r -> r.endedAt().isAfter(keepFrom)).map(FinishedRun::runId)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            String next = new Cursor(watermark, seen).format();
            return handled == 0 ? SensorResult.skip("no new failed run", next)
                    : new SensorResult(List.of(), next, null);
        });
    }

    /** Format: {@code <watermark ISO>|<id>,<id>…}. */
    record Cursor(Instant watermark, Set<String> seen) {
        static Cursor parse(String sensor, String text) {
            int bar = text.indexOf('|');
            try {
                Instant watermark = Instant.parse(bar < 0 ? text : text.substring(0, bar));
                Set<String> seen = bar < 0 || bar == text.length() - 1 ? Set.of()
                        : new LinkedHashSet<>(Arrays.asList(text.substring(bar + 1).split(",")));
                return new Cursor(watermark, seen);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalStateException("Sensor '" + sensor + "' has a cursor '" + text
                        + "' that is not '<instant>|<run ids>'", e);
            }
        }

        String format() {
            return watermark + "|" + String.join(",", seen);
        }
    }
}
