package dev.peloton.tdf.compare;

import java.time.LocalDate;

/**
 * What a comparison is computed from: the segment, the route's profile and both riders' tracks, each known to
 * cover the whole segment.
 *
 * @param raceDay  the race day
 * @param stage    the stage raced that day
 * @param climb    the named climb, or null for a km interval
 * @param category the climb's category, or null
 * @param fromKm   segment start (km)
 * @param toKm     segment end (km)
 * @param profile  the stage's route profile
 * @param a        rider A
 * @param b        rider B
 */
public record SegmentRide(LocalDate raceDay, int stage, String climb, String category, double fromKm, double toKm,
                          SegmentProfile profile, RiderTrack a, RiderTrack b) {

    /** When rider A reached the segment's start (epoch seconds). */
    public double startA() {
        return a.timeAt(fromKm * 1000);
    }

    /** When rider B reached the segment's start (epoch seconds). */
    public double startB() {
        return b.timeAt(fromKm * 1000);
    }

    /** Seconds rider A took over the segment. */
    public double timeA() {
        return a.timeAt(toKm * 1000) - startA();
    }

    /** Seconds rider B took over the segment. */
    public double timeB() {
        return b.timeAt(toKm * 1000) - startB();
    }

    public double lengthKm() {
        return toKm - fromKm;
    }
}
