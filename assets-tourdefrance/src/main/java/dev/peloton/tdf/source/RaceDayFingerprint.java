package dev.peloton.tdf.source;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a sensor compares to notice that a race day got new or different rows: the row count and the latest point
 * time from the table, and, when the loader's loads table is there, when the day was loaded and which generation it
 * holds (a reload with the same count and times still changes {@code loadedAt}).
 *
 * @param raceDay    the race day (partition)
 * @param rows       rows of the day
 * @param maxTime    latest point time, or null when the day has no rows
 * @param loadedAt   when the day was last loaded (loads table), or null when unknown
 * @param generation what the load recorded (loads table), or null when unknown
 */
public record RaceDayFingerprint(LocalDate raceDay, long rows, Instant maxTime, Instant loadedAt, String generation) {

    /** Whether the day has rows. */
    public boolean hasRows() {
        return rows > 0;
    }

    /** One string holding everything above: store it as a sensor cursor and compare it on the next tick. */
    public String token() {
        return "rows=" + rows + ";maxTime=" + (maxTime == null ? "-" : maxTime) + ";loadedAt="
                + (loadedAt == null ? "-" : loadedAt) + ";generation=" + (generation == null ? "-" : generation);
    }
}
