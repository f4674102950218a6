package dev.peloton.tdf.generate;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A bad point injected on purpose into the race data, for the pipeline to catch.
 *
 * @param raceDay  the race day
 * @param stage    stage number
 * @param bib      the rider's bib
 * @param stravaId the rider's Strava id
 * @param time     the point's time
 * @param kind     what is wrong with it
 */
public record BadPoint(LocalDate raceDay, int stage, int bib, long stravaId, Instant time, Kind kind) {

    /** What is wrong with a bad point. */
    public enum Kind {
        /** The row appears twice: same rider and time, same values. Exactly one copy is extra. */
        DUPLICATE,
        /** The latitude is outside -90..90; the row replaces the rider's real point at that time. */
        LATITUDE_OUT_OF_RANGE,
        /** The longitude is outside -180..180; the row replaces the rider's real point at that time. */
        LONGITUDE_OUT_OF_RANGE
    }
}
