package dev.peloton.tdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.tdf.assets.MartAssets;
import dev.peloton.tdf.assets.RaceResults;
import dev.peloton.tdf.assets.Warehouse;
import dev.peloton.tdf.generate.RaceDaySummary;
import dev.peloton.tdf.generate.RacePlan;
import dev.peloton.tdf.generate.RacePoint;
import dev.peloton.tdf.generate.RacePointGenerator;
import dev.peloton.tdf.generate.Scale;
import dev.peloton.tdf.generate.TdfGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole example at the tiny scale, as {@code java -jar ... backfill} runs it: generate the data, materialize
 * every asset over every race day through the run queue and this node's worker, then compare the marts with
 * results computed here, in Java, straight from the generator's points.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "peloton.example.scale=tiny", "peloton.example.headless=true", "peloton.example.bench=true"})
class TourDeFranceEndToEndTest {

    static final long SEED = 2023;
    static Path dataDir;

    /** Stage -> (bib -> duration in seconds) of the finishers, computed independently of the pipeline. */
    static Map<Integer, Map<Integer, Long>> expectedDurations;
    static RacePlan plan;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(Path.of("target"));
        dataDir = Files.createTempDirectory(Path.of("target"), "e2e-data-").toAbsolutePath();
        registry.add("peloton.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void computeExpectedResults() {
        TdfGenerator generator = new TdfGenerator();
        RacePointGenerator points = generator.racePoints(Scale.TINY, SEED);
        plan = points.plan();
        expectedDurations = new TreeMap<>();
        for (RaceDaySummary day : plan.raceDays()) {
            // The cleaning rules, written again: drop positions out of range, keep one point per rider and time.
            Map<Integer, Instant[]> span = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (var it = points.iterator(day.stage()); it.hasNext(); ) {
                RacePoint p = it.next();
                if (!p.hasValidPosition() || !seen.add(p.bib() + "@" + p.time())) {
                    continue;
                }
                span.merge(p.bib(), new Instant[] {p.time(), p.time()}, (a, b) -> new Instant[] {
                        a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
            }
            Map<Integer, Long> durations = new TreeMap<>();
            span.forEach((bib, s) -> {
                if (!day.abandonedBibs().contains(bib)) { // the generator's truth about who finished
                    durations.put(bib, s[1].getEpochSecond() - s[0].getEpochSecond());
                }
            });
            expectedDurations.put(day.stage(), durations);
        }
    }

    @Autowired
    HeadlessBackfill backfill;
    @Autowired
    BackfillBenchmark benchmark;
    @Autowired
    RaceResults results;
    @Autowired
    Warehouse warehouse;
    @Autowired
    dev.peloton.core.engine.state.AssetStateStorage states;

    @Test
    void theBackfillSucceedsAndExitsZero() {
        assertThat(backfill.finishedRun()).hasValueSatisfying(run -> assertThat(run.status())
                .as("run %s: %s", run.id(), run.error()).isEqualTo(RunStatus.SUCCESS));
        assertThat(backfill.getExitCode()).isZero();
    }

    @Test
    void theBenchmarkMeasuredTheLandingAndTheRawCopyOfTheSameRows() {
        BackfillBenchmark.Figures f = benchmark.figures().orElseThrow();
        assertThat(f.landedRows()).as("rows landed").isEqualTo(plan.totalRows());
        assertThat(f.copiedRows()).as("rows copied raw").isEqualTo(plan.totalRows());
        assertThat(f.landingRate()).isCloseTo(f.landedRows() / f.landingWallS(), within(1e-6));
        assertThat(f.copyRate()).isCloseTo(f.copiedRows() / f.copyS(), within(1e-6));
        assertThat(f.ratio()).isCloseTo(f.landingRate() / f.copyRate(), within(1e-9));
        assertThat(f.totalS()).as("the whole backfill").isPositive().isGreaterThanOrEqualTo(f.landingWallS());
        assertThat(f.generateS()).as("generation").isPositive();
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status"))) {
            assertThat(f.peakRssMb().orElse(0)).as("peak RSS").isPositive();
        }
    }

    @Test
    void stageWinnersAreTheFastestFinishers() {
        Map<Integer, Integer> expected = new LinkedHashMap<>();
        expectedDurations.forEach((stage, durations) -> durations.entrySet().stream()
                .min(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .ifPresent(e -> expected.put(stage, e.getKey())));
        Map<Integer, Integer> actual = new LinkedHashMap<>();
        for (RaceResults.StageWinner w : results.stageWinners()) {
            actual.put(w.stage(), w.bib());
            assertThat(w.durationS()).as("stage %d winner's time", w.stage())
                    .isEqualTo(expectedDurations.get(w.stage()).get(w.bib()));
        }
        assertThat(actual).isEqualTo(expected).hasSize(Scale.TINY.stages().size());
    }

    @Test
    void stageResultsHoldEveryFinisherWithTimeRankAndGap() {
        for (RaceDaySummary day : plan.raceDays()) {
            Map<Integer, Long> expected = expectedDurations.get(day.stage());
            long best = expected.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            List<Map<String, Object>> rows = warehouse.rows("SELECT bib, duration_s, gap_s, rank FROM "
                    + Warehouse.table("marts/stage_results") + " WHERE partition_key = '" + day.raceDay()
                    + "' ORDER BY bib");
            Map<Integer, Long> actual = new TreeMap<>();
            for (Map<String, Object> r : rows) {
                int bib = ((Number) r.get("bib")).intValue();
                long duration = ((Number) r.get("duration_s")).longValue();
                actual.put(bib, duration);
                assertThat(((Number) r.get("gap_s")).longValue()).as("gap of #%d on %s", bib, day.raceDay())
                        .isEqualTo(duration - best);
                long faster = expected.values().stream().filter(d -> d < duration).count();
                assertThat(((Number) r.get("rank")).longValue()).as("rank of #%d on %s", bib, day.raceDay())
                        .isEqualTo(faster + 1);
            }
            assertThat(actual).as("finishers of %s", day.raceDay()).isEqualTo(expected);
        }
    }

    @Test
    void generalClassificationAfterTheLastDayIsTheOrderOfTotalTimes() {
        Set<Integer> finishedAll = null;
        Map<Integer, Long> totals = new HashMap<>();
        for (Map<Integer, Long> durations : expectedDurations.values()) {
            finishedAll = finishedAll == null ? new HashSet<>(durations.keySet()) : finishedAll;
            finishedAll.retainAll(durations.keySet());
            durations.forEach((bib, d) -> totals.merge(bib, d, Long::sum));
        }
        List<Integer> expectedOrder = new ArrayList<>(finishedAll);
        expectedOrder.sort(Comparator.comparing((Integer bib) -> totals.get(bib)).thenComparing(bib -> bib));

        String lastDay = plan.raceDays().getLast().raceDay().toString();
        assertThat(results.lastClassifiedDay()).contains(LocalDate.parse("2023-07-23").toString());
        List<RaceResults.GcLine> gc = results.generalClassification(lastDay, 100);
        assertThat(gc).extracting(RaceResults.GcLine::bib).isEqualTo(expectedOrder);
        for (RaceResults.GcLine line : gc) {
            assertThat(line.totalS()).as("total time of #%d", line.bib()).isEqualTo(totals.get(line.bib()));
            assertThat(line.stages()).isEqualTo(expectedDurations.size());
        }
    }

    @Test
    void generalClassificationAfterTheFirstDayIsTheFirstStage() {
        Map<Integer, Long> first = expectedDurations.get(1);
        List<RaceResults.GcLine> gc = results.generalClassification("2023-07-01", 100);
        assertThat(gc).extracting(RaceResults.GcLine::bib).containsExactlyElementsOf(first.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList());
    }

    @Test
    void teamClassificationAddsTheBestThreeTimesOfTeamsWithThreeFinishersOnEveryStage() {
        Map<Integer, String> teamOf = new HashMap<>();
        new TdfGenerator().riders(SEED).forEach(r -> teamOf.put(r.bib(), r.team().name()));
        Map<String, Long> totals = new HashMap<>();
        Set<String> classified = null;
        int nonEmpty = 0;
        for (RaceDaySummary day : plan.raceDays()) {
            Map<String, List<Long>> times = new HashMap<>();
            expectedDurations.get(day.stage()).forEach((bib, d) ->
                    times.computeIfAbsent(teamOf.get(bib), t -> new ArrayList<>()).add(d));
            Set<String> withThree = new HashSet<>();
            times.forEach((team, list) -> {
                if (list.size() >= MartAssets.TEAM_RIDERS) {
                    withThree.add(team);
                    list.sort(null);
                    totals.merge(team, list.subList(0, MartAssets.TEAM_RIDERS).stream()
                            .mapToLong(Long::longValue).sum(), Long::sum);
                }
            });
            classified = classified == null ? withThree : classified;
            classified.retainAll(withThree);
            Map<String, Long> expected = new TreeMap<>();
            classified.forEach(team -> expected.put(team, totals.get(team)));

            Map<String, Long> actual = new TreeMap<>();
            long previous = -1;
            for (Map<String, Object> r : warehouse.rows("SELECT team, total_s FROM "
                    + Warehouse.table("marts/team_classification") + " WHERE partition_key = '" + day.raceDay()
                    + "' ORDER BY rank, team")) {
                long total = ((Number) r.get("total_s")).longValue();
                assertThat(total).as("team order after %s", day.raceDay()).isGreaterThanOrEqualTo(previous);
                previous = total;
                actual.put((String) r.get("team"), total);
            }
            assertThat(actual).as("team classification after %s", day.raceDay()).isEqualTo(expected);
            nonEmpty += actual.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("race days with a team classification").isEqualTo(plan.raceDays().size());
    }

    @Test
    void stagingDropsExactlyTheInjectedBadPoints() {
        for (RaceDaySummary day : plan.raceDays()) {
            long[] counts = warehouse.longs("SELECT count(*) FROM " + Warehouse.table("staging/race_points")
                    + " WHERE partition_key = '" + day.raceDay() + "'");
            assertThat(counts[0]).as("staged points of %s", day.raceDay()).isEqualTo(day.validRows());
            long[] landed = warehouse.longs("SELECT count(*) FROM " + Warehouse.table("landing/race_points")
                    + " WHERE partition_key = '" + day.raceDay() + "'");
            assertThat(landed[0]).as("landed points of %s", day.raceDay()).isEqualTo(day.rows());
        }
    }

    @Test
    void restDaysAndUngeneratedStagesHaveEmptyPartitionsNotFailures() {
        long[] stored = warehouse.longs("SELECT count(DISTINCT partition_key) FROM "
                + Warehouse.table("marts/stage_results"));
        // Stages without data at this scale produce no rows, so only the generated ones show up in the table...
        assertThat(stored[0]).isEqualTo(Scale.TINY.stages().size());
        // ...while every race day was materialized (the IO manager's bookkeeping lists all 21).
        long[] days = warehouse.longs("SELECT count(*) FROM _peloton.partitions WHERE asset = 'marts/stage_results'");
        assertThat(days[0]).isEqualTo(21);
    }

    @Test
    void landedRaceDaysCarryTheDataVersionOfTheirSourceRows() {
        java.util.Map<String, String> versions = new java.util.HashMap<>();
        for (RaceDaySummary day : plan.raceDays()) {
            String version = states.latest(dev.peloton.core.AssetKey.parse("landing/race_points"),
                    day.raceDay().toString()).orElseThrow().dataVersion();
            versions.put(day.raceDay().toString(), version);
        }
        // Generated days differ in their rows, so no two of them share a version (the code version alone would).
        assertThat(new java.util.HashSet<>(versions.values())).as("versions %s", versions)
                .hasSize(versions.size());
    }
}
