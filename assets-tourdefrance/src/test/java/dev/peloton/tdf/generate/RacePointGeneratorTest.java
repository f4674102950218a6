package dev.peloton.tdf.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streams every point of the small scale once and checks the statistics against the facts and the plan.
 */
class RacePointGeneratorTest {

    private static final long SEED = 2023;
    private static final TdfGenerator GENERATOR = new TdfGenerator();
    private static final TdfFacts FACTS = GENERATOR.facts();
    private static Map<Integer, Route> routes;
    private static RacePlan plan;
    private static final Map<Integer, StageStats> STATS = new TreeMap<>();

    /** What one rider's points on one stage looked like. */
    private static final class RiderStats {
        Instant first;
        Instant last;
        double lastDistance;
        long points;
        boolean distanceDecreased;
        boolean badInterval;
        double maxOffRouteM;
        double hrSum;
        long hrCount;
    }

    /** What one stage's points looked like. */
    private static final class StageStats {
        long rows;
        final Map<Integer, RiderStats> riders = new TreeMap<>();
        final Set<String> seen = new HashSet<>();
        final Set<String> duplicates = new TreeSet<>();
        final Set<String> latOut = new TreeSet<>();
        final Set<String> lonOut = new TreeSet<>();
        final List<Double> climbing = new ArrayList<>();
        final List<Double> flat = new ArrayList<>();
        final List<Double> descending = new ArrayList<>();
        long nullPower;
        long nullCadence;
        long nullTemperature;
        long nullAltitude;
        long stopped;
        long wrongDay;
    }

    @BeforeAll
    static void streamTheSmallScale() {
        Scale scale = Scale.SMALL;
        routes = GENERATOR.routes(scale, SEED);
        RacePointGenerator points = new RacePointGenerator(FACTS, GENERATOR.riders(SEED), scale, SEED, routes);
        plan = points.plan();
        for (int stage : scale.stages()) {
            StageStats st = new StageStats();
            STATS.put(stage, st);
            Route route = routes.get(stage);
            LocalDate day = FACTS.calendar().dateOf(stage);
            points.forEach(stage, p -> collect(st, route, day, scale.sampleIntervalSeconds(), p));
        }
    }

    private static void collect(StageStats st, Route route, LocalDate day, int interval, RacePoint p) {
        st.rows++;
        if (!p.raceDay().equals(day) || p.stage() != route.stage()) {
            st.wrongDay++;
        }
        String key = p.bib() + "@" + p.time();
        if (!st.seen.add(key)) {
            st.duplicates.add(key);
            return;
        }
        if (p.lat() < -90 || p.lat() > 90) {
            st.latOut.add(key);
        }
        if (p.lon() < -180 || p.lon() > 180) {
            st.lonOut.add(key);
        }
        RiderStats r = st.riders.computeIfAbsent(p.bib(), b -> new RiderStats());
        if (r.first == null) {
            r.first = p.time();
        } else {
            long step = p.time().getEpochSecond() - r.last.getEpochSecond();
            if (step <= 0 || step > interval) {
                r.badInterval = true;
            }
            if (p.distance() < r.lastDistance) {
                r.distanceDecreased = true;
            }
        }
        r.last = p.time();
        r.lastDistance = p.distance();
        r.points++;
        int row = route.rowAtOrBefore(p.distance() / 1000);
        if (p.hasValidPosition()) {
            int next = Math.min(row + 1, route.size() - 1);
            double f = next == row ? 0 : (p.distance() / 1000 - route.km(row)) / (route.km(next) - route.km(row));
            double lat = route.lat(row) + f * (route.lat(next) - route.lat(row));
            double lon = route.lon(row) + f * (route.lon(next) - route.lon(row));
            r.maxOffRouteM = Math.max(r.maxOffRouteM, GeoPoint.distanceM(lat, lon, p.lat(), p.lon()));
        }
        if (p.heartRate() != null) {
            r.hrSum += p.heartRate();
            r.hrCount++;
        }
        double g = route.gradientPct(row);
        if (p.moving()) {
            if (g > 5) {
                st.climbing.add(p.speed());
            } else if (Math.abs(g) < 1) {
                st.flat.add(p.speed());
            } else if (g < -4) {
                st.descending.add(p.speed());
            }
        } else {
            st.stopped++;
        }
        st.nullPower += p.power() == null ? 1 : 0;
        st.nullCadence += p.cadence() == null ? 1 : 0;
        st.nullTemperature += p.temperature() == null ? 1 : 0;
        st.nullAltitude += p.altitude() == null ? 1 : 0;
    }

    @Test
    void rowCountsAreThePlans() {
        assertThat(plan.raceDays()).hasSize(21);
        for (RaceDaySummary d : plan.raceDays()) {
            StageStats st = STATS.get(d.stage());
            assertThat(st.rows).as("stage %d rows", d.stage()).isEqualTo(d.rows());
            assertThat(st.wrongDay).isZero();
            assertThat(st.riders).as("stage %d riders", d.stage()).hasSize(d.ridersStarted());
            assertThat(d.raceDay()).isEqualTo(FACTS.calendar().dateOf(d.stage()));
        }
        assertThat(plan.ridersWithData()).hasSize(20).allMatch(r -> r.stravaId().isPresent());
    }

    @Test
    void pointsComeEverySampleIntervalAlongTheRoute() {
        STATS.forEach((stage, st) -> st.riders.forEach((bib, r) -> {
            assertThat(r.badInterval).as("stage %d bib %d intervals", stage, bib).isFalse();
            assertThat(r.distanceDecreased).as("stage %d bib %d distance", stage, bib).isFalse();
            assertThat(r.maxOffRouteM).as("stage %d bib %d off route", stage, bib).isLessThan(25);
            assertThat(r.points).isGreaterThan(10);
        }));
    }

    @Test
    void medianSpeedPerStageIsTheMeasuredOne() {
        for (RaceDaySummary d : plan.raceDays()) {
            StageSpeeds s = FACTS.speeds(d.stage());
            List<Double> speeds = new ArrayList<>();
            STATS.get(d.stage()).riders.forEach((bib, r) -> {
                if (!d.abandonedBibs().contains(bib)) {
                    double hours = (r.last.getEpochSecond() - r.first.getEpochSecond()) / 3600.0;
                    speeds.add(r.lastDistance / 1000 / hours);
                }
            });
            speeds.sort(null);
            double median = speeds.size() % 2 == 1 ? speeds.get(speeds.size() / 2)
                    : (speeds.get(speeds.size() / 2 - 1) + speeds.get(speeds.size() / 2)) / 2;
            double tolerance = 0.25 * (s.p90Kmh() - s.p10Kmh()) + 0.3;
            assertThat(median).as("stage %d median speed (p10 %s, p90 %s)", d.stage(), s.p10Kmh(), s.p90Kmh())
                    .isBetween(s.medianKmh() - tolerance, s.medianKmh() + tolerance);
            assertThat(speeds.getFirst()).as("stage %d slowest", d.stage()).isGreaterThan(s.p10Kmh() - (s.medianKmh() - s.p10Kmh()) - 0.2);
            assertThat(speeds.getLast()).as("stage %d fastest", d.stage()).isLessThan(s.p90Kmh() + (s.p90Kmh() - s.medianKmh()) + 0.2);
        }
    }

    @Test
    void slowerOnClimbsFasterDownhill() {
        int stagesWithClimbs = 0;
        for (var e : STATS.entrySet()) {
            StageStats st = e.getValue();
            double flat = median(st.flat);
            if (st.climbing.size() > 50) {
                stagesWithClimbs++;
                assertThat(median(st.climbing)).as("stage %d climbing vs flat %s", e.getKey(), flat).isLessThan(0.8 * flat);
            }
            if (st.descending.size() > 50) {
                assertThat(median(st.descending)).as("stage %d descending vs flat %s", e.getKey(), flat).isGreaterThan(flat);
            }
        }
        assertThat(stagesWithClimbs).isGreaterThan(10);
        // the mountain stages' climbs are in the published range for steep climbs (18-25 km/h, a little slack)
        assertThat(median(STATS.get(17).climbing)).isBetween(15.0, 28.0);
    }

    @Test
    void abandonsAreMonotoneAndSixtyPercentRemain() {
        List<Integer> stages = Scale.SMALL.stages();
        Map<Integer, Integer> abandonedIn = new HashMap<>();
        plan.abandonsByStage().forEach((stage, bibs) -> bibs.forEach(b -> abandonedIn.put(b, stage)));
        for (Rider rider : plan.ridersWithData()) {
            int bib = rider.bib();
            Integer out = abandonedIn.get(bib);
            for (int stage : stages) {
                boolean present = STATS.get(stage).riders.containsKey(bib);
                boolean expected = out == null || stage <= out;
                assertThat(present).as("bib %d on stage %d (abandoned in %s)", bib, stage, out).isEqualTo(expected);
            }
            if (out != null) {
                RiderStats last = STATS.get(out).riders.get(bib);
                assertThat(last.lastDistance / 1000).as("bib %d stops before the finish of stage %d", bib, out)
                        .isLessThan(routes.get(out).lengthKm() - 1);
            }
        }
        int remaining = STATS.get(21).riders.size();
        assertThat(remaining).isEqualTo(plan.raceDay(FACTS.calendar().dateOf(21)).ridersStarted());
        assertThat(remaining / 20.0).as("share of riders with data on the last stage").isBetween(0.5, 0.7);
        assertThat(abandonedIn).hasSize(20 - remaining);
    }

    @Test
    void teamsWithThreeFinishersOnEveryStageMakeATeamClassification() {
        // The riders with data come in whole teams, so some teams keep three finishers with data on every stage:
        // what the team classification (best three times per stage) needs to rank them.
        Map<Integer, String> teamOf = new HashMap<>();
        plan.ridersWithData().forEach(r -> teamOf.put(r.bib(), r.team().name()));
        Set<String> classified = null;
        Set<Integer> gone = new HashSet<>();
        for (RaceDaySummary d : plan.raceDays()) {
            Map<String, Integer> finishers = new HashMap<>();
            STATS.get(d.stage()).riders.keySet().forEach(bib -> {
                if (!d.abandonedBibs().contains(bib)) {
                    finishers.merge(teamOf.get(bib), 1, Integer::sum);
                }
            });
            Set<String> withThree = new HashSet<>();
            finishers.forEach((team, n) -> {
                if (n >= 3) {
                    withThree.add(team);
                }
            });
            if (classified == null) {
                classified = withThree;
            } else {
                classified.retainAll(withThree);
            }
            assertThat(classified).as("teams with three finishers on every stage up to %s", d.raceDay())
                    .hasSizeGreaterThanOrEqualTo(3);
            gone.addAll(d.abandonedBibs());
        }
        long teams = plan.ridersWithData().stream().map(r -> r.team().name()).distinct().count();
        assertThat(teams).as("teams with riders with data").isBetween(3L, 6L);
        assertThat(gone).isNotEmpty();
    }

    @Test
    void badPointsArePresentExactlyAsReported() {
        for (RaceDaySummary d : plan.raceDays()) {
            StageStats st = STATS.get(d.stage());
            Set<String> dup = new TreeSet<>();
            Set<String> lat = new TreeSet<>();
            Set<String> lon = new TreeSet<>();
            for (BadPoint b : plan.badPoints(d.raceDay())) {
                String key = b.bib() + "@" + b.time();
                switch (b.kind()) {
                    case DUPLICATE -> dup.add(key);
                    case LATITUDE_OUT_OF_RANGE -> lat.add(key);
                    case LONGITUDE_OUT_OF_RANGE -> lon.add(key);
                }
                assertThat(b.stage()).isEqualTo(d.stage());
            }
            assertThat(st.duplicates).as("stage %d duplicates", d.stage()).isEqualTo(dup);
            assertThat(st.latOut).as("stage %d latitudes out of range", d.stage()).isEqualTo(lat);
            assertThat(st.lonOut).as("stage %d longitudes out of range", d.stage()).isEqualTo(lon);
            assertThat(dup).hasSize(d.duplicateRows()).hasSize(Scale.SMALL.duplicatesPerRaceDay());
            assertThat(lat.size() + lon.size()).isEqualTo(d.outOfRangeRows()).isEqualTo(Scale.SMALL.outOfRangePerRaceDay());
            long valid = st.riders.values().stream().mapToLong(r -> r.points).sum() - d.outOfRangeRows();
            assertThat(valid).isEqualTo(d.validRows());
        }
    }

    @Test
    void aQuarterOfTheRidersPublishHeartRateCalibratedOnTheMedians() {
        Set<Integer> withHr = new TreeSet<>();
        double offsetSum = 0;
        int rideCount = 0;
        for (var e : STATS.entrySet()) {
            StageSpeeds s = FACTS.speeds(e.getKey());
            for (var r : e.getValue().riders.entrySet()) {
                if (r.getValue().hrCount > 0) {
                    withHr.add(r.getKey());
                    double avg = r.getValue().hrSum / r.getValue().hrCount;
                    assertThat(avg).as("stage %d bib %d average heart rate", e.getKey(), r.getKey())
                            .isBetween(s.medianAvgHr() - 25.0, s.medianAvgHr() + 25.0);
                    offsetSum += avg - s.medianAvgHr();
                    rideCount++;
                }
            }
        }
        assertThat(withHr).hasSize(5);
        assertThat(offsetSum / rideCount).as("mean offset from the stages' median average heart rate").isBetween(-6.0, 6.0);
    }

    @Test
    void sensorFieldsHaveNullsAndRidersStop() {
        long nullPower = STATS.values().stream().mapToLong(s -> s.nullPower).sum();
        long nullCadence = STATS.values().stream().mapToLong(s -> s.nullCadence).sum();
        long nullTemperature = STATS.values().stream().mapToLong(s -> s.nullTemperature).sum();
        long nullAltitude = STATS.values().stream().mapToLong(s -> s.nullAltitude).sum();
        long stopped = STATS.values().stream().mapToLong(s -> s.stopped).sum();
        long rows = STATS.values().stream().mapToLong(s -> s.rows).sum();
        assertThat(nullPower).isPositive().isLessThan(rows / 2);
        assertThat(nullCadence).isPositive().isLessThan(rows / 2);
        assertThat(nullTemperature).isPositive().isLessThan(rows / 2);
        assertThat(nullAltitude).isPositive().isLessThan(rows / 20);
        assertThat(stopped).isPositive().isLessThan(rows / 50);
    }

    @Test
    void massStartsTogetherTimeTrialOneByOne() {
        for (var e : STATS.entrySet()) {
            Set<Instant> starts = new HashSet<>();
            e.getValue().riders.values().forEach(r -> starts.add(r.first));
            if (e.getKey() == 16) {
                assertThat(starts).as("time trial starts").hasSize(e.getValue().riders.size());
            } else {
                assertThat(starts).as("stage %d starts", e.getKey()).hasSize(1);
            }
        }
        // stage 1 starts on 1 July 2023 in the early afternoon, Paris time
        Instant start = STATS.get(1).riders.values().iterator().next().first;
        assertThat(start.atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate()).isEqualTo(LocalDate.of(2023, 7, 1));
        assertThat(start.atZone(java.time.ZoneId.of("Europe/Paris")).getHour()).isBetween(11, 14);
    }

    @Test
    void sameSeedSamePointsOtherSeedOtherPoints() {
        List<RacePoint> a = all(GENERATOR.racePoints(Scale.TINY, 77));
        List<RacePoint> b = all(GENERATOR.racePoints(Scale.TINY, 77));
        List<RacePoint> c = all(GENERATOR.racePoints(Scale.TINY, 78));
        assertThat(a).hasSizeGreaterThan(1000).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        assertThat(GENERATOR.racePoints(Scale.TINY, 77).plan()).isEqualTo(GENERATOR.racePoints(Scale.TINY, 77).plan());
    }

    @Test
    void tinyScaleHasAbandonsBeforeItsLastStage() {
        RacePlan tiny = GENERATOR.racePoints(Scale.TINY, 5).plan();
        int abandoned = tiny.abandonsByStage().values().stream().mapToInt(List::size).sum();
        assertThat(abandoned).isEqualTo(2);
        assertThat(tiny.abandonsByStage()).doesNotContainKey(21);
        assertThat(tiny.raceDays().getLast().ridersStarted()).isEqualTo(4);
        assertThat(tiny.badPoints()).hasSize(4 * (Scale.TINY.duplicatesPerRaceDay() + Scale.TINY.outOfRangePerRaceDay()));
    }

    @Test
    void unknownStageOrMissingRouteIsAClearError() {
        RacePointGenerator tiny = GENERATOR.racePoints(Scale.TINY, 1);
        assertThatThrownBy(() -> tiny.iterator(2)).hasMessageContaining("stage 2 is not generated at scale 'tiny'")
                .hasMessageContaining("[1, 6, 16, 21]");
        assertThatThrownBy(() -> new RacePointGenerator(FACTS, GENERATOR.riders(1), Scale.TINY, 1, Map.of()))
                .hasMessageContaining("no route given for stage 1");
        assertThatThrownBy(() -> plan.raceDay(LocalDate.of(2023, 7, 10))).hasMessageContaining("2023-07-10 has no race data");
        Iterator<RacePoint> it = tiny.iterator(16);
        it.forEachRemaining(p -> { });
        assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);
    }

    private static List<RacePoint> all(RacePointGenerator g) {
        List<RacePoint> out = new ArrayList<>();
        for (int stage : g.plan().scale().stages()) {
            g.forEach(stage, out::add);
        }
        return out;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
