package dev.peloton.tdf.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated riders climb at realistic vertical speeds: on every categorised climb of every generated stage, each
 * rider's VAM (metres climbed per hour, from foot to summit, crossings interpolated by distance between points) stays
 * within what professionals ride, and the best rider of each climb is in the range of the best professionals.
 */
class ClimbVamTest {

    private static final long SEED = 2023;
    /** The best riders' VAM on real climbs: about 1,000 to 1,900 m/h. */
    static final double BEST_MIN = 1_000;
    static final double MAX = 1_900;
    /** Nobody with data climbs slower than a gruppetto at the back. */
    static final double ANY_MIN = 800;

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "small"})
    void everyClimbIsRiddenAtARealisticVam(String scaleName) {
        Scale scale = Scale.of(scaleName);
        TdfGenerator generator = new TdfGenerator();
        Map<Integer, Route> routes = generator.routes(scale, SEED);
        RacePointGenerator points = new RacePointGenerator(generator.facts(), generator.riders(SEED), scale, SEED,
                routes);
        int climbs = 0;
        for (int stage : scale.stages()) {
            Route route = routes.get(stage);
            Map<Integer, List<double[]>> tracks = tracks(points, stage);
            for (ClimbSegment climb : route.climbs()) {
                double gain = climb.summitAltitudeM() - climb.footAltitudeM();
                List<Double> vams = new ArrayList<>();
                tracks.forEach((bib, track) -> {
                    double foot = crossing(track, climb.footKm() * 1000);
                    double summit = crossing(track, climb.summitKm() * 1000);
                    if (!Double.isNaN(foot) && !Double.isNaN(summit)) {
                        double vam = gain / ((summit - foot) / 3600);
                        vams.add(vam);
                        assertThat(vam).as("%s scale, stage %d, %s (%s, %.1f km at %.1f%%), bib %d", scaleName,
                                stage, climb.name(), climb.category(), climb.lengthKm(), climb.avgGradientPct(), bib)
                                .isBetween(ANY_MIN, MAX);
                    }
                });
                if (vams.isEmpty()) {
                    continue; // every rider with data abandoned before it
                }
                climbs++;
                double best = vams.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                assertThat(best).as("%s scale, stage %d, best VAM on %s (%s, %.1f km at %.1f%%)", scaleName, stage,
                        climb.name(), climb.category(), climb.lengthKm(), climb.avgGradientPct())
                        .isBetween(BEST_MIN, MAX);
            }
        }
        assertThat(climbs).as("climbs checked at the %s scale", scaleName).isGreaterThan(scale.stages().size());
    }

    /** Bib -> valid, distinct points as {epoch second, distance}, in time order. */
    private static Map<Integer, List<double[]>> tracks(RacePointGenerator points, int stage) {
        Map<Integer, List<double[]>> tracks = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        points.forEach(stage, p -> {
            if (p.hasValidPosition() && seen.add(p.bib() + "@" + p.time())) {
                tracks.computeIfAbsent(p.bib(), b -> new ArrayList<>())
                        .add(new double[] {p.time().getEpochSecond(), p.distance()});
            }
        });
        return tracks;
    }

    /** When the points first reach {@code metres}, interpolated between the two that bracket it; NaN if never. */
    private static double crossing(List<double[]> track, double metres) {
        for (int i = 1; i < track.size(); i++) {
            double[] a = track.get(i - 1);
            double[] b = track.get(i);
            if (a[1] < metres && b[1] >= metres) {
                return a[0] + (metres - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
            }
        }
        return Double.NaN;
    }
}
