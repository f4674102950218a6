package dev.peloton.tdf.source;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Parses one row of PostgreSQL's COPY text format, as {@link PostgresRaceSource} selects it, straight from the bytes
 * pgjdbc hands over into a reused {@link RacePointRow}: tab-separated, {@code \N} for null, a line feed at the end.
 * No intermediate strings: integers are read digit by digit, and so are decimals of up to 15 significant digits
 * (PostgreSQL's shortest round-trip output of the race's coordinates, speeds and distances), which are then exact
 * as a {@code long} and divided by an exact power of ten: one correctly rounded operation, so the same double as
 * {@link Double#parseDouble}. Anything else (exponents, longer mantissas, NaN) goes through
 * {@link Double#parseDouble}.
 */
final class RacePointCopyParser {

    /** The select list, in the order {@link #parse} expects. */
    static final String SELECT_LIST = "stage, bib, strava_id, extract(epoch FROM time)::bigint, lat, lon, altitude,"
            + " distance, speed, heart_rate, cadence, power, temperature, moving";
    static final String[] NAMES = {"stage", "bib", "strava_id", "time", "lat", "lon", "altitude", "distance", "speed",
            "heart_rate", "cadence", "power", "temperature", "moving"};

    /** Powers of ten exactly representable as doubles. */
    private static final double[] POW10 = new double[16];
    /** Digits (leading zeros included) read on the fast path: below 10^15, so exact in a double. */
    private static final int FAST_DIGITS = 15;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final LocalDate raceDay;
    private final String source;
    private final int[] start = new int[NAMES.length];
    private final int[] end = new int[NAMES.length];
    private final RacePointRow out;
    private byte[] row;
    private long rowNumber;

    RacePointCopyParser(LocalDate raceDay, String source) {
        this.raceDay = raceDay;
        this.source = source;
        this.out = new RacePointRow(raceDay);
    }

    /** The row {@link #parse} fills. */
    RacePointRow row() {
        return out;
    }

    /** Parses a row into {@link #row()}; fails naming the source, race day, row number and column. */
    RacePointRow parse(byte[] bytes, long rowNumber) {
        this.row = bytes;
        this.rowNumber = rowNumber;
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\n') {
            n--;
        }
        int field = 0;
        int s = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || bytes[i] == '\t') {
                if (field >= NAMES.length) {
                    throw error(-1, "more than " + NAMES.length + " fields");
                }
                start[field] = s;
                end[field] = i;
                field++;
                s = i + 1;
            }
        }
        if (field != NAMES.length) {
            throw error(-1, field + " fields, expected " + NAMES.length);
        }
        RacePointRow r = out;
        r.nulls = 0;
        r.stage = (int) requiredLong(0);
        r.bib = (int) requiredLong(1);
        r.stravaId = requiredLong(2);
        r.epochSecond = requiredLong(3);
        r.lat = requiredDouble(4);
        r.lon = requiredDouble(5);
        r.altitude = optionalDouble(6, RacePointRow.ALTITUDE);
        r.distance = requiredDouble(7);
        r.speed = requiredDouble(8);
        r.heartRate = optionalInt(9, RacePointRow.HEART_RATE);
        r.cadence = optionalInt(10, RacePointRow.CADENCE);
        r.power = optionalInt(11, RacePointRow.POWER);
        r.temperature = optionalInt(12, RacePointRow.TEMPERATURE);
        r.moving = requiredLong(13) != 0;
        return r;
    }

    private boolean isNull(int f) {
        return end[f] - start[f] == 2 && row[start[f]] == '\\' && row[start[f] + 1] == 'N';
    }

    private long requiredLong(int f) {
        if (isNull(f)) {
            throw error(f, "null in a required column");
        }
        int i = start[f];
        int e = end[f];
        boolean negative = i < e && row[i] == '-';
        if (negative) {
            i++;
        }
        if (i == e || e - i > 18) {
            throw error(f, "not an integer");
        }
        long v = 0;
        for (; i < e; i++) {
            int d = row[i] - '0';
            if (d < 0 || d > 9) {
                throw error(f, "not an integer");
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    private int optionalInt(int f, int nullBit) {
        if (isNull(f)) {
            out.nulls |= nullBit;
            return 0;
        }
        return (int) requiredLong(f);
    }

    private double requiredDouble(int f) {
        if (isNull(f)) {
            throw error(f, "null in a required column");
        }
        double v = fastDouble(row, start[f], end[f]);
        if (v == v) {
            return v;
        }
        try {
            return Double.parseDouble(text(f));
        } catch (NumberFormatException e) {
            throw error(f, "not a number");
        }
    }

    private double optionalDouble(int f, int nullBit) {
        if (isNull(f)) {
            out.nulls |= nullBit;
            return 0;
        }
        return requiredDouble(f);
    }

    /**
     * {@code [-]digits[.digits]} with at most {@value #FAST_DIGITS} digits, exactly as {@link Double#parseDouble}
     * reads it; NaN for anything else (the caller then takes the slow path).
     */
    static double fastDouble(byte[] b, int from, int to) {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int decimals = -1;
        for (; i < to; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                if (++digits > FAST_DIGITS) {
                    return Double.NaN;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (decimals >= 0) {
                    decimals++;
                }
            } else if (c == '.' && decimals < 0) {
                decimals = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        double v = decimals > 0 ? mantissa / POW10[decimals] : mantissa;
        return negative ? -v : v;
    }

    private String text(int f) {
        return new String(row, start[f], end[f] - start[f], StandardCharsets.UTF_8);
    }

    private IllegalStateException error(int f, String why) {
        String where = f < 0 ? "" : ", column " + NAMES[f] + " = '" + text(f) + "'";
        return new IllegalStateException(source + ", race day " + raceDay + ", row " + rowNumber + where + ": " + why);
    }
}
