package dev.peloton.core;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The unbounded calendar of windows of one granularity, in local (civil) time: window number {@code n} is the
 * n-th hour, day, week or month since 0001-01-01. Numbering on the local calendar makes every granularity plain
 * arithmetic, keeps keys unique through daylight-saving changes, and gives two definitions on the same grid the
 * same number for the same key.
 */
record TimeGrid(TimeWindowPartitions.Granularity granularity, DayOfWeek weekStart) {

    private static final LocalDate EPOCH = LocalDate.of(1, 1, 1);
    private static final long EPOCH_DAY = EPOCH.toEpochDay();
    private static final long EPOCH_SECOND = EPOCH.atStartOfDay().toEpochSecond(ZoneOffset.UTC);

    /** The number of the window that contains {@code t}. */
    long number(LocalDateTime t) {
        return switch (granularity) {
            case HOURLY -> Math.floorDiv(t.toEpochSecond(ZoneOffset.UTC) - EPOCH_SECOND, 3600);
            case DAILY -> t.toLocalDate().toEpochDay() - EPOCH_DAY;
            case WEEKLY -> Math.floorDiv(t.toLocalDate().toEpochDay() - weekAnchorDay(), 7);
            case MONTHLY -> (t.getYear() * 12L + t.getMonthValue() - 1) - 12L;
        };
    }

    /** The local start of window {@code n}. */
    LocalDateTime start(long n) {
        return switch (granularity) {
            case HOURLY -> LocalDateTime.ofEpochSecond(EPOCH_SECOND + n * 3600, 0, ZoneOffset.UTC);
            case DAILY -> LocalDate.ofEpochDay(EPOCH_DAY + n).atStartOfDay();
            case WEEKLY -> LocalDate.ofEpochDay(weekAnchorDay() + 7 * n).atStartOfDay();
            case MONTHLY -> {
                long m = n + 12;
                yield LocalDate.of(Math.toIntExact(Math.floorDiv(m, 12)), (int) Math.floorMod(m, 12) + 1, 1)
                        .atStartOfDay();
            }
        };
    }

    boolean isWindowStart(LocalDateTime t) {
        return start(number(t)).equals(t);
    }

    /** The first window that starts at or after {@code t}. */
    long ceil(LocalDateTime t) {
        long n = number(t);
        return isWindowStart(t) ? n : n + 1;
    }

    /** "Sunday". */
    static String dayName(DayOfWeek day) {
        return day.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
    }

    // The last week-start day on or before 0001-01-01 (a Monday), so that week numbers are >= 0 from year 1 on.
    private long weekAnchorDay() {
        return EPOCH_DAY - Math.floorMod(EPOCH.getDayOfWeek().getValue() - weekStart.getValue(), 7);
    }
}
