package dev.peloton.core;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A reference for {@link TimeWindowPartitions}: enumerates windows one by one with java.time's own calendar
 * stepping, without window numbers. Slow by design; for tests only.
 */
record NaiveTimeWindows(List<LocalDateTime> starts, List<String> keys, List<LocalDateTime> ends, ZoneId zone) {

    static NaiveTimeWindows of(TimeWindowPartitions.Granularity granularity, DayOfWeek weekStart,
            LocalDateTime start, LocalDateTime endInclusive, ZoneId zone, String pattern, Set<String> excluded) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        LocalDateTime t = firstAtOrAfter(granularity, weekStart, start);
        List<LocalDateTime> starts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<LocalDateTime> ends = new ArrayList<>();
        while (!t.isAfter(endInclusive)) {
            LocalDateTime next = step(granularity, t);
            String key = f.format(t);
            if (!excluded.contains(key)) {
                starts.add(t);
                keys.add(key);
                ends.add(next);
            }
            t = next;
        }
        return new NaiveTimeWindows(starts, keys, ends, zone);
    }

    static LocalDateTime step(TimeWindowPartitions.Granularity granularity, LocalDateTime t) {
        return switch (granularity) {
            case HOURLY -> t.plusHours(1);
            case DAILY -> t.plusDays(1);
            case WEEKLY -> t.plusWeeks(1);
            case MONTHLY -> t.plusMonths(1);
        };
    }

    static LocalDateTime firstAtOrAfter(TimeWindowPartitions.Granularity granularity, DayOfWeek weekStart,
            LocalDateTime t) {
        LocalDateTime floor = switch (granularity) {
            case HOURLY -> t.withMinute(0).withSecond(0).withNano(0);
            case DAILY -> t.toLocalDate().atStartOfDay();
            case WEEKLY -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(weekStart)).atStartOfDay();
            case MONTHLY -> LocalDate.of(t.getYear(), t.getMonth(), 1).atStartOfDay();
        };
        return floor.equals(t) ? t : step(granularity, floor);
    }

    Instant startInstant(int i) {
        return starts.get(i).atZone(zone).toInstant();
    }

    Instant endInstant(int i) {
        return ends.get(i).atZone(zone).toInstant();
    }

    int size() {
        return keys.size();
    }
}
