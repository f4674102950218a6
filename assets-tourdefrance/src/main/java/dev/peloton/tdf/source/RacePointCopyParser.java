package dev.peloton.tdf.source;

import dev.peloton.tdf.generate.RacePoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Parses one row of PostgreSQL's COPY text format, as {@link PostgresRaceSource} selects it, straight from the bytes
 * pgjdbc hands over: tab-separated, {@code \N} for null, a line feed at the end. No intermediate strings for the
 * integer columns; numbers with a fraction go through {@link Double#parseDouble} (exact for PostgreSQL's shortest
 * round-trip output).
 */
final class RacePointCopyParser {

    /** The select list, in the order {@link #parse} expects. */
    static final String SELECT_LIST = "stage, bib, strava_id, extract(epoch FROM time)::bigint, lat, lon, altitude,"
            + " distance, speed, heart_rate, cadence, power, temperature, moving";
    static final String[] NAMES = {"stage", "bib", "strava_id", "time", "lat", "lon", "altitude", "distance", "speed",
            "heart_rate", "cadence", "power", "temperature", "moving"};

    private final LocalDate raceDay;
    private final String source;
    private final int[] start = new int[NAMES.length];
    private final int[] end = new int[NAMES.length];
    private byte[] row;
    private long rowNumber;

    RacePointCopyParser(LocalDate raceDay, String source) {
        this.raceDay = raceDay;
        this.source = source;
    }

    RacePoint parse(byte[] bytes, long rowNumber) {
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
        return new RacePoint(raceDay, (int) requiredLong(0), (int) requiredLong(1), requiredLong(2),
                Instant.ofEpochSecond(requiredLong(3)), requiredDouble(4), requiredDouble(5), optionalDouble(6),
                requiredDouble(7), requiredDouble(8), optionalInt(9), optionalInt(10), optionalInt(11),
                optionalInt(12), requiredLong(13) != 0);
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

    private Integer optionalInt(int f) {
        return isNull(f) ? null : (int) requiredLong(f);
    }

    private double requiredDouble(int f) {
        if (isNull(f)) {
            throw error(f, "null in a required column");
        }
        try {
            return Double.parseDouble(text(f));
        } catch (NumberFormatException e) {
            throw error(f, "not a number");
        }
    }

    private Double optionalDouble(int f) {
        return isNull(f) ? null : requiredDouble(f);
    }

    private String text(int f) {
        return new String(row, start[f], end[f] - start[f], StandardCharsets.UTF_8);
    }

    private IllegalStateException error(int f, String why) {
        String where = f < 0 ? "" : ", column " + NAMES[f] + " = '" + text(f) + "'";
        return new IllegalStateException(source + ", race day " + raceDay + ", row " + rowNumber + where + ": " + why);
    }
}
