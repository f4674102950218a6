package dev.peloton.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random time-window definitions against {@link NaiveTimeWindows}, which steps through the calendar one window at a time. */
class TimeWindowPartitionsPropertyTest {

    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Paris"),
            ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Lord_Howe"));

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 19, 2023, 190307, 5550123})
    void keysIndicesAndWindowsMatchTheCalendar(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 60; round++) {
            RandomTimeWindows r = RandomTimeWindows.next(random);
            String where = "seed " + seed + " round " + round + ": " + r.definition() + " excluded " + r.excluded();
            TimeWindowPartitions def = r.definition();
            NaiveTimeWindows naive = r.naive();

            assertThat(def.size()).as(where).isEqualTo(naive.size());
            assertThat(def.keys(def.all())).as(where).containsExactlyElementsOf(naive.keys());
            for (int i = 0; i < naive.size(); i++) {
                assertThat(def.indexOf(naive.keys().get(i))).as(where).isEqualTo(i);
                TimeWindowPartitions.TimeWindow w = def.timeWindowAt(i);
                assertThat(w.start()).as(where + " window " + i).isEqualTo(naive.startInstant(i));
                assertThat(w.end()).as(where + " window " + i).isEqualTo(naive.endInstant(i));
                if (w.end().isAfter(w.start())) {
                    assertThat(def.indexContaining(w.start())).as(where).isEqualTo(i);
                    assertThat(def.indexContaining(w.end().minusNanos(1))).as(where).isEqualTo(i);
                }
            }
            for (String key : r.excluded()) {
                assertThat(def.indexOf(key)).as(where + " excluded " + key).isEqualTo(-1);
            }
            // Random index sets go to window numbers and back unchanged.
            PartitionSet set = RandomSets.of(random, def.size());
            assertThat(def.indicesOfWindowNumbers(def.windowNumbers(set))).as(where).isEqualTo(set);
            assertThat(def.windowNumbers(set).count()).as(where).isEqualTo(set.count());
        }
    }

    /** A random bounded definition and its naive enumeration. */
    record RandomTimeWindows(TimeWindowPartitions definition, NaiveTimeWindows naive, Set<String> excluded) {

        static RandomTimeWindows next(SplittableRandom random) {
            return next(random, TimeWindowPartitions.Granularity.values()[random.nextInt(4)],
                    ZONES.get(random.nextInt(ZONES.size())));
        }

        static RandomTimeWindows next(SplittableRandom random, TimeWindowPartitions.Granularity g, ZoneId zone) {
            int span = switch (g) {
                case HOURLY -> 1 + random.nextInt(24 * 10);
                case DAILY -> 1 + random.nextInt(120);
                case WEEKLY -> 1 + random.nextInt(60);
                case MONTHLY -> 1 + random.nextInt(40);
            };
            // Starts around daylight-saving changes, year ends and leap days.
            LocalDateTime start = LocalDateTime.of(2019 + random.nextInt(6), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(3) == 0 ? 30 : 0);
            LocalDateTime end = switch (g) {
                case HOURLY -> start.plusHours(span);
                case DAILY -> start.plusDays(span);
                case WEEKLY -> start.plusWeeks(span);
                case MONTHLY -> start.plusMonths(span);
            };
            DayOfWeek weekStart = DayOfWeek.of(1 + random.nextInt(7));
            TimeWindowPartitions def = TimeWindowPartitions.of(g, start.toString(), end.toString()).inZone(zone);
            if (g == TimeWindowPartitions.Granularity.WEEKLY) {
                def = def.weekStartingOn(weekStart);
            } else {
                weekStart = DayOfWeek.SUNDAY;
            }
            String pattern = random.nextInt(4) == 0 ? (g == TimeWindowPartitions.Granularity.HOURLY ? "yyyyMMddHH"
                    : "dd.MM.yyyy") : g.defaultKeyFormat();
            def = def.withKeyFormat(pattern);
            NaiveTimeWindows all = NaiveTimeWindows.of(g, weekStart, start, end, zone, pattern, Set.of());
            Set<String> excluded = new HashSet<>();
            int exclusions = random.nextInt(4) == 0 ? 0 : random.nextInt(1 + all.size() / 3);
            for (int i = 0; i < exclusions && excluded.size() < all.size() - 1; i++) {
                excluded.add(all.keys().get(random.nextInt(all.size())));
            }
            if (!excluded.isEmpty()) {
                def = def.excluding(excluded);
            }
            return new RandomTimeWindows(def, NaiveTimeWindows.of(g, weekStart, start, end, zone, pattern, excluded),
                    excluded);
        }
    }
}
