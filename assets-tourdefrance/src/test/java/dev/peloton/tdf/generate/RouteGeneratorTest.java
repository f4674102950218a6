package dev.peloton.tdf.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteGeneratorTest {

    private static final TdfFacts FACTS = TdfFacts.load();
    private static final long SEED = 42;
    private static final Map<Integer, Route> ROUTES = new HashMap<>();

    @BeforeAll
    static void generateAllStages() {
        RouteGenerator generator = new RouteGenerator(FACTS);
        for (int s = 1; s <= 21; s++) {
            ROUTES.put(s, generator.generate(s, SEED));
        }
    }

    @Test
    void everyRouteHasTheStageLength() {
        for (StageFacts s : FACTS.stages()) {
            Route r = ROUTES.get(s.stage());
            assertThat(r.km(0)).isZero();
            assertThat(r.lengthKm()).as("stage %d km column", s.stage()).isEqualTo(s.lengthKm());
            assertThat(pathKm(r)).as("stage %d measured length", s.stage()).isCloseTo(s.lengthKm(), within(s.lengthKm() * 0.01));
            assertThat(r.lat(0)).isCloseTo(s.startPoint().lat(), within(1e-6));
            assertThat(r.lon(0)).isCloseTo(s.startPoint().lon(), within(1e-6));
            assertThat(r.lat(r.size() - 1)).isCloseTo(s.finishPoint().lat(), within(1e-6));
            assertThat(r.lon(r.size() - 1)).isCloseTo(s.finishPoint().lon(), within(1e-6));
            assertThat(r.checkpointType(0)).isEqualTo("start");
        }
    }

    @Test
    void routePassesEachCheckpointAtItsKmAndAltitude() {
        for (StageFacts s : FACTS.stages()) {
            Route r = ROUTES.get(s.stage());
            double[] cumulative = cumulativeKm(r);
            for (Checkpoint cp : FACTS.checkpoints(s.stage())) {
                // the point the route reaches after cp.km() of measured distance
                int row = Math.abs(Arrays.binarySearch(cumulative, cp.km()));
                row = Math.min(row, r.size() - 1);
                String what = "stage " + s.stage() + " checkpoint " + cp.number() + " at km " + cp.km();
                assertThat(GeoPoint.distanceM(r.lat(row), r.lon(row), cp.point().lat(), cp.point().lon()))
                        .as(what).isLessThan(100);
                assertThat(r.altitude(row)).as(what).isCloseTo(cp.altitudeM(), within(5.0));
                int marked = r.rowAtOrBefore(cp.km());
                assertThat(r.km(marked)).as(what).isEqualTo(cp.km());
                assertThat(r.checkpointType(marked)).as(what).isEqualTo(cp.type());
                assertThat(r.checkpointCategory(marked)).as(what)
                        .isEqualTo(cp.category().isEmpty() ? null : cp.category());
                assertThat(r.kmToGo(marked)).as(what).isCloseTo(cp.kmToGo(), within(0.0011));
            }
            long marks = java.util.stream.IntStream.range(0, r.size()).filter(i -> r.checkpointType(i) != null).count();
            assertThat(marks).as("stage %d checkpoint rows", s.stage()).isEqualTo(FACTS.checkpoints(s.stage()).size() + 1);
        }
    }

    @Test
    void aPointAboutEveryTwentyMetres() {
        for (Route r : ROUTES.values()) {
            List<Double> steps = new ArrayList<>();
            for (int i = 1; i < r.size(); i++) {
                assertThat(r.km(i) - r.km(i - 1)).as("stage %d row %d", r.stage(), i).isBetween(0.0095, 0.0255);
                steps.add(GeoPoint.distanceM(r.lat(i - 1), r.lon(i - 1), r.lat(i), r.lon(i)));
            }
            steps.sort(null);
            assertThat(steps.get(steps.size() / 2)).as("stage %d median step", r.stage()).isBetween(19.0, 21.0);
            assertThat(steps.get(steps.size() / 100)).as("stage %d 1st percentile step", r.stage()).isGreaterThan(15.0);
            assertThat(steps.getLast()).as("stage %d longest step", r.stage()).isLessThan(26.0);
        }
    }

    @Test
    void climbsHaveTheirPublishedLengthAndGradient() {
        int checked = 0;
        for (StageFacts s : FACTS.stages()) {
            Route r = ROUTES.get(s.stage());
            long summits = FACTS.checkpoints(s.stage()).stream().filter(Checkpoint::isSummit).count();
            assertThat(r.climbs()).as("stage %d climbs", s.stage()).hasSize((int) summits);
            for (Climb published : FACTS.climbs(s.stage())) {
                ClimbSegment c = r.climbs().stream().filter(x -> x.name().equals(published.name())).findFirst()
                        .orElseThrow(() -> new AssertionError("no climb " + published.name()));
                String what = "stage " + s.stage() + " " + published.name();
                assertThat(c.summitKm()).as(what).isEqualTo(published.summitKm());
                assertThat(altitudeAt(r, c.summitKm())).as(what + " summit").isCloseTo(published.summitAltitudeM(), within(5.0));
                assertThat(altitudeAt(r, c.footKm())).as(what + " foot").isCloseTo(c.footAltitudeM(), within(5.0));
                if (published.lengthKm().isPresent() && published.avgGradientPct().isPresent()) {
                    assertThat(c.official()).as(what).isTrue();
                    assertThat(c.footKm()).as(what + " foot km")
                            .isCloseTo(published.summitKm() - published.lengthKm().getAsDouble(), within(1e-9));
                    double gradient = (altitudeAt(r, c.summitKm()) - altitudeAt(r, c.footKm())) / (c.lengthKm() * 10);
                    assertThat(gradient).as(what + " gradient")
                            .isCloseTo(published.avgGradientPct().getAsDouble(), within(0.5));
                    checked++;
                }
                // altitude rises all the way from foot to summit
                for (int i = r.rowAtOrBefore(c.footKm()) + 2; i <= r.rowAtOrBefore(c.summitKm()); i++) {
                    assertThat(r.altitude(i)).as(what + " row " + i).isGreaterThanOrEqualTo(r.altitude(i - 1) - 0.1);
                }
            }
            for (ClimbSegment c : r.climbs()) {
                assertThat(c.avgGradientPct()).as("stage %d climb at km %s", s.stage(), c.summitKm()).isBetween(2.5, 12.0);
                assertThat(c.lengthKm()).as("stage %d climb at km %s", s.stage(), c.summitKm()).isBetween(0.3, 30.0);
            }
        }
        assertThat(checked).isEqualTo(26);
    }

    @ParameterizedTest
    @ValueSource(longs = {42, 7, 123456789})
    void totalClimbingIsCloseToThePublishedFigure(long seed) {
        RouteGenerator generator = new RouteGenerator(FACTS);
        for (StageFacts s : FACTS.stages()) {
            Route r = seed == SEED ? ROUTES.get(s.stage()) : generator.generate(s.stage(), seed);
            assertThat(r.climbingM()).as("stage %d seed %d climbing", s.stage(), seed)
                    .isCloseTo(s.climbM(), within(s.climbM() * 0.10));
        }
    }

    @Test
    void altitudesAndGradientsArePlausible() {
        for (Route r : ROUTES.values()) {
            for (int i = 0; i < r.size(); i++) {
                assertThat(r.altitude(i)).as("stage %d row %d", r.stage(), i).isBetween(0.0, 2400.0);
                assertThat(Math.abs(r.gradientPct(i))).as("stage %d row %d gradient", r.stage(), i).isLessThan(20.0);
            }
        }
    }

    @Test
    void stagesOneAndTwentyOneLoop() {
        // Bilbao: out into the Basque hills and back to town, the finish a few km from the start
        Route bilbao = ROUTES.get(1);
        StageFacts s1 = FACTS.stage(1);
        double startToFinish = s1.startPoint().distanceTo(s1.finishPoint());
        double farthest = 0;
        for (int i = 0; i < bilbao.size(); i++) {
            farthest = Math.max(farthest, GeoPoint.distanceM(bilbao.lat(0), bilbao.lon(0), bilbao.lat(i), bilbao.lon(i)));
        }
        assertThat(startToFinish).as("stage 1 start to finish").isLessThan(0.05 * s1.lengthKm() * 1000);
        assertThat(farthest).as("stage 1 goes away and comes back").isGreaterThan(3 * startToFinish);

        // Paris: laps of a circuit, so the finish line is passed several times, far apart along the route
        Route paris = ROUTES.get(21);
        GeoPoint finish = FACTS.stage(21).finishPoint();
        List<Double> passes = new ArrayList<>();
        for (int i = 0; i < paris.size(); i++) {
            if (GeoPoint.distanceM(paris.lat(i), paris.lon(i), finish.lat(), finish.lon()) < 400
                    && (passes.isEmpty() || paris.km(i) - passes.getLast() > 3)) {
                passes.add(paris.km(i));
            }
        }
        assertThat(passes).as("km where stage 21 passes the finish").hasSizeGreaterThanOrEqualTo(4);
        assertThat(passes.getLast() - passes.getFirst()).as("stage 21 laps").isGreaterThan(20);
    }

    @Test
    void sameSeedSameRouteOtherSeedOtherRoute() {
        RouteGenerator generator = new RouteGenerator(FACTS);
        Route again = generator.generate(6, SEED);
        Route other = generator.generate(6, SEED + 1);
        Route r = ROUTES.get(6);
        assertThat(again.size()).isEqualTo(r.size());
        boolean differs = false;
        for (int i = 0; i < r.size(); i++) {
            assertThat(again.lat(i)).isEqualTo(r.lat(i));
            assertThat(again.altitude(i)).isEqualTo(r.altitude(i));
            differs |= i < other.size() && (other.lat(i) != r.lat(i) || other.altitude(i) != r.altitude(i));
        }
        assertThat(differs).isTrue();
    }

    @Test
    void routeCsvRoundTrips(@TempDir Path dir) throws Exception {
        Route r = ROUTES.get(16);
        Path file = dir.resolve(RouteCsv.fileName(16));
        RouteCsv.write(r, file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.getFirst()).isEqualTo("latitude,longitude,altitude,km_done,km_to_go,checkpoint_type,checkpoint_category");
        assertThat(lines).hasSize(r.size() + 1);
        assertThat(lines.get(1)).isEqualTo("45.913019,6.705800," + Fmt.fixed(r.altitude(0), 1) + ",0.000,22.350,start,");
        assertThat(lines.getLast()).endsWith(",22.350,0.000,arrival,");
        assertThat(lines).anyMatch(l -> l.endsWith(",18.840,3.510,chrono+summit,2"));
        Route back = RouteCsv.read(16, file);
        assertThat(back.size()).isEqualTo(r.size());
        for (int i = 0; i < r.size(); i++) {
            assertThat(back.lat(i)).isEqualTo(r.lat(i));
            assertThat(back.lon(i)).isEqualTo(r.lon(i));
            assertThat(back.altitude(i)).isEqualTo(r.altitude(i));
            assertThat(back.km(i)).isEqualTo(r.km(i));
            assertThat(back.gradientPct(i)).isEqualTo(r.gradientPct(i));
            assertThat(back.checkpointType(i)).isEqualTo(r.checkpointType(i));
        }
        assertThat(RouteCsv.fileName(3)).isEqualTo("stage-03.csv");
    }

    private static double altitudeAt(Route r, double km) {
        int i = r.rowAtOrBefore(km);
        if (i >= r.size() - 1) {
            return r.altitude(i);
        }
        double f = (km - r.km(i)) / (r.km(i + 1) - r.km(i));
        return r.altitude(i) + f * (r.altitude(i + 1) - r.altitude(i));
    }

    private static double[] cumulativeKm(Route r) {
        double[] out = new double[r.size()];
        for (int i = 1; i < r.size(); i++) {
            out[i] = out[i - 1] + GeoPoint.distanceM(r.lat(i - 1), r.lon(i - 1), r.lat(i), r.lon(i)) / 1000;
        }
        return out;
    }

    private static double pathKm(Route r) {
        double[] c = cumulativeKm(r);
        return c[c.length - 1];
    }
}
