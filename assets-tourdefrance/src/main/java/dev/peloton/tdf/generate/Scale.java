package dev.peloton.tdf.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How much race data to generate. The riders sheet and the stage list are the same at every scale; the scale
 * picks how many riders have GPS data, how often a point is taken and which stages get routes and points.
 *
 * @param name                  short name ({@code tiny}, {@code small}, {@code full} or your own)
 * @param ridersWithData        riders with GPS data, 1..{@value RidersGenerator#STRAVA_RIDERS} (the riders with a
 *                              Strava id)
 * @param sampleIntervalSeconds seconds between two points of a rider
 * @param stages                the stages generated, ascending
 * @param duplicatesPerRaceDay  bad points: rows repeated with the same rider and time, per race day
 * @param outOfRangePerRaceDay  bad points: rows with a latitude or longitude out of range, per race day
 */
public record Scale(String name, int ridersWithData, int sampleIntervalSeconds, List<Integer> stages,
                    int duplicatesPerRaceDay, int outOfRangePerRaceDay) {

    private static final List<Integer> ALL_STAGES =
            IntStream.rangeClosed(1, TdfFacts.STAGE_COUNT).boxed().toList();

    /** For tests: 6 riders, a point every 30 s, stages 1, 6, 16 and 21 (a loop, a mountain stage, the time trial, Paris); a few thousand points. */
    public static final Scale TINY = new Scale("tiny", 6, 30, List.of(1, 6, 16, 21), 2, 1);

    /** The default for a first run: 20 riders, a point every 10 s, all 21 stages; about half a million points. */
    public static final Scale SMALL = new Scale("small", 20, 10, ALL_STAGES, 3, 2);

    /** About half the peloton at 1 Hz, all 21 stages; over 20 million points. */
    public static final Scale FULL = new Scale("full", RidersGenerator.STRAVA_RIDERS, 1, ALL_STAGES, 10, 5);

    /** The predefined scales. */
    public static final List<Scale> PREDEFINED = List.of(TINY, SMALL, FULL);

    public Scale {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("scale name '" + name
                    + "' is invalid: use 1-32 characters a-z, 0-9, '-' or '_', starting with a letter or digit");
        }
        if (ridersWithData < 1 || ridersWithData > RidersGenerator.STRAVA_RIDERS) {
            throw new IllegalArgumentException("scale '" + name + "': ridersWithData " + ridersWithData
                    + " is out of range 1.." + RidersGenerator.STRAVA_RIDERS + " (the riders with a Strava id)");
        }
        if (sampleIntervalSeconds < 1 || sampleIntervalSeconds > 600) {
            throw new IllegalArgumentException("scale '" + name + "': sampleIntervalSeconds " + sampleIntervalSeconds
                    + " is out of range 1..600");
        }
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("scale '" + name + "': stages must name at least one stage of 1.."
                    + TdfFacts.STAGE_COUNT);
        }
        stages = List.copyOf(stages);
        for (int i = 0; i < stages.size(); i++) {
            int s = stages.get(i);
            if (s < 1 || s > TdfFacts.STAGE_COUNT) {
                throw new IllegalArgumentException("scale '" + name + "': stage " + s + " does not exist; stages are 1.."
                        + TdfFacts.STAGE_COUNT);
            }
            if (i > 0 && s <= stages.get(i - 1)) {
                throw new IllegalArgumentException("scale '" + name + "': stages must be ascending without repeats, got "
                        + stages);
            }
        }
        if (duplicatesPerRaceDay < 0 || outOfRangePerRaceDay < 0) {
            throw new IllegalArgumentException("scale '" + name + "': bad-point counts must be >= 0, got duplicates "
                    + duplicatesPerRaceDay + ", out of range " + outOfRangePerRaceDay);
        }
    }

    /** A predefined scale by name (case-insensitive); fails naming the valid names. */
    public static Scale of(String name) {
        List<String> names = new ArrayList<>();
        for (Scale s : PREDEFINED) {
            if (s.name.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return s;
            }
            names.add(s.name);
        }
        throw new IllegalArgumentException("unknown scale '" + name + "'; valid scales: " + names);
    }

    /** Whether the stage gets a route and race points at this scale. */
    public boolean includes(int stage) {
        return stages.contains(stage);
    }

    /** Everything that decides the generated data, as one line (stored in the marker to recognise a re-run). */
    public String fingerprint() {
        return name + ";riders=" + ridersWithData + ";interval=" + sampleIntervalSeconds + ";stages=" + stages
                + ";duplicates=" + duplicatesPerRaceDay + ";outOfRange=" + outOfRangePerRaceDay;
    }
}
