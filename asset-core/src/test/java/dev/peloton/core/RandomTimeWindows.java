package dev.peloton.core;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** A random bounded time-window definition and its naive enumeration, for property tests. */
record RandomTimeWindows(TimeWindowPartitions definition, NaiveTimeWindows naive, Set<String> excluded) {

    /** Zones with daylight saving (Paris, New York), half-hour offsets (Kolkata) and half-hour DST (Lord Howe). */
    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Paris"),
            ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Lord_Howe"));

    static RandomTimeWindows next(SplittableRandom random) {
        return next(random, TimeWindowPartitions.Granularity.values()[random.nextInt(4)],
                ZONES.get(random.nextInt(ZONES.size())));
    }

    static RandomTimeWindows next(SplittableRandom random, TimeWindowPartitions.Granularity g, ZoneId zone) {
        // Starts around daylight-saving changes, year ends and leap days.
        LocalDateTime start = LocalDateTime.of(2019 + random.nextInt(6), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(24), random.nextInt(3) == 0 ? 30 : 0);
        return next(random, g, zone, start);
    }

    /** A definition that starts at {@code start} (rounded up to its granularity). */
    static RandomTimeWindows next(SplittableRandom random, TimeWindowPartitions.Granularity g, ZoneId zone,
            LocalDateTime start) {
        int span = switch (g) {
            case HOURLY -> 1 + random.nextInt(24 * 10);
            case DAILY -> 1 + random.nextInt(120);
            case WEEKLY -> 1 + random.nextInt(60);
            case MONTHLY -> 1 + random.nextInt(40);
        };
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
