package dev.peloton.tdf.generate;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the race data of a seed and scale holds, known before any point is generated: the riders with data, for each
 * generated race day the riders who started and abandoned and the row counts, and every bad point injected.
 *
 * @param seed           the seed
 * @param scale          the scale
 * @param ridersWithData the riders whose GPS data is generated, by bib
 * @param raceDays       one summary per generated stage, in stage order
 * @param badPoints      every bad point injected, by race day, bib and time
 */
public record RacePlan(long seed, Scale scale, List<Rider> ridersWithData, List<RaceDaySummary> raceDays,
                       List<BadPoint> badPoints) {

    public RacePlan {
        ridersWithData = List.copyOf(ridersWithData);
        raceDays = List.copyOf(raceDays);
        badPoints = List.copyOf(badPoints);
    }

    /** The summary of a generated race day; fails naming the generated days. */
    public RaceDaySummary raceDay(LocalDate day) {
        for (RaceDaySummary s : raceDays) {
            if (s.raceDay().equals(day)) {
                return s;
            }
        }
        throw new IllegalArgumentException(day + " has no race data at scale '" + scale.name()
                + "'; generated race days: " + raceDays.stream().map(RaceDaySummary::raceDay).toList());
    }

    /** The bad points injected on a day. */
    public List<BadPoint> badPoints(LocalDate day) {
        return badPoints.stream().filter(b -> b.raceDay().equals(day)).toList();
    }

    /** Stage -> bibs of the riders with data who abandoned during it (stages without abandons left out). */
    public Map<Integer, List<Integer>> abandonsByStage() {
        Map<Integer, List<Integer>> out = new LinkedHashMap<>();
        for (RaceDaySummary s : raceDays) {
            if (!s.abandonedBibs().isEmpty()) {
                out.put(s.stage(), s.abandonedBibs());
            }
        }
        return out;
    }

    /** Rows over all race days, bad rows included. */
    public long totalRows() {
        return raceDays.stream().mapToLong(RaceDaySummary::rows).sum();
    }
}
