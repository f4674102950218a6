package dev.peloton.core;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/** Formats window numbers as keys and parses keys back, accepting only the exact key of a window's start. */
final class TimeKeyFormat {

    /** What {@link #parse} returns for a text that is not exactly the key of a window. */
    static final long UNPARSEABLE = Long.MIN_VALUE;

    private final String pattern;
    private final DateTimeFormatter formatter;
    private final TimeGrid grid;
    private final String example;

    TimeKeyFormat(String pattern, TimeGrid grid, long sampleNumber) {
        this.pattern = pattern;
        this.grid = grid;
        this.formatter = formatter(pattern, grid.granularity());
        // A format must name each window by a distinct key that parses back, or keys would be ambiguous.
        String a = key(sampleNumber);
        String b = key(sampleNumber + 1);
        if (a.equals(b) || parse(a) != sampleNumber || parse(b) != sampleNumber + 1) {
            throw new IllegalArgumentException("Key format '" + pattern + "' cannot name " + grid.granularity()
                    .adjective() + " windows: the windows starting " + grid.start(sampleNumber) + " and "
                    + grid.start(sampleNumber + 1) + " format as '" + a + "' and '" + b + "'");
        }
        this.example = a;
    }

    String pattern() {
        return pattern;
    }

    String key(long n) {
        return formatter.format(grid.start(n));
    }

    String format(LocalDateTime t) {
        return formatter.format(t);
    }

    /** The number of the window whose key is exactly {@code key}, or {@link #UNPARSEABLE}. */
    long parse(String key) {
        LocalDateTime t = key == null ? null : parseLocal(formatter, key);
        if (t == null) {
            return UNPARSEABLE;
        }
        long n = grid.number(t);
        // The round trip rejects both texts the parser is lenient about ("2023-7-4") and times inside a window.
        return key.equals(key(n)) ? n : UNPARSEABLE;
    }

    /** Why {@code key} (for which {@link #parse} failed) is not a key in this format. */
    String mismatch(String key) {
        LocalDateTime t = key == null ? null : parseLocal(formatter, key);
        if (t != null && !grid.isWindowStart(t) && key.equals(format(t))) {
            String unit = grid.granularity().unit();
            String starts = grid.granularity() == TimeWindowPartitions.Granularity.WEEKLY
                    ? " (weeks start on " + TimeGrid.dayName(grid.weekStart()) + ")" : "";
            return "it is not the start of " + (unit.equals("hour") ? "an " : "a ") + unit + starts + "; the " + unit + " containing it is "
                    + key(grid.number(t));
        }
        return "it does not match the key format " + pattern + ", for example " + example;
    }

    /** Parses a start or end given in the key format, or as an ISO date or date-time. */
    static LocalDateTime parseBound(String text, String what, TimeWindowPartitions.Granularity granularity,
            String pattern) {
        if (text == null) {
            throw new IllegalArgumentException("The " + what + " of " + granularity.adjective()
                    + " partitions is null");
        }
        LocalDateTime t = parseLocal(formatter(pattern, granularity), text);
        if (t == null) {
            t = parseLocal(DateTimeFormatter.ISO_LOCAL_DATE, text);
        }
        if (t == null) {
            t = parseLocal(DateTimeFormatter.ISO_LOCAL_DATE_TIME, text);
        }
        if (t == null) {
            throw new IllegalArgumentException("The " + what + " '" + text + "' of " + granularity.adjective()
                    + " partitions is neither in the key format " + pattern
                    + " nor an ISO date (2023-07-01) or date-time (2023-07-01T12:00)");
        }
        if (t.getYear() < 1 || t.getYear() > 9999) {
            throw new IllegalArgumentException("The " + what + " '" + text + "' of " + granularity.adjective()
                    + " partitions is outside the years 1 to 9999");
        }
        return t;
    }

    private static DateTimeFormatter formatter(String pattern, TimeWindowPartitions.Granularity granularity) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("The key format of " + granularity.adjective()
                    + " partitions is empty");
        }
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Key format '" + pattern + "' of " + granularity.adjective()
                    + " partitions is not a valid java.time.format.DateTimeFormatter pattern: " + e.getMessage(), e);
        }
    }

    /** The local date-time a text names, defaulting a missing day to the 1st and a missing time to midnight. */
    private static LocalDateTime parseLocal(DateTimeFormatter f, String text) {
        try {
            TemporalAccessor parsed = f.parse(text);
            LocalDate date = parsed.query(TemporalQueries.localDate());
            if (date == null) {
                if (!parsed.isSupported(ChronoField.YEAR) || !parsed.isSupported(ChronoField.MONTH_OF_YEAR)) {
                    return null;
                }
                date = LocalDate.of(parsed.get(ChronoField.YEAR), parsed.get(ChronoField.MONTH_OF_YEAR), 1);
            }
            LocalTime time = parsed.query(TemporalQueries.localTime());
            if (time == null) {
                time = parsed.isSupported(ChronoField.HOUR_OF_DAY)
                        ? LocalTime.of(parsed.get(ChronoField.HOUR_OF_DAY), 0) : LocalTime.MIDNIGHT;
            }
            return date.atTime(time);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
