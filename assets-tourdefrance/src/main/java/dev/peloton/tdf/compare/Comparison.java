package dev.peloton.tdf.compare;

import java.util.List;

/**
 * Two riders on one segment of a race day's stage, as the comparison endpoint answers it.
 *
 * @param raceDay the race day
 * @param stage   the stage raced that day
 * @param segment the segment compared
 * @param riderA  rider A's ride of the segment
 * @param riderB  rider B's ride of the segment
 * @param gapS    at the segment's end, seconds rider B took more than rider A (negative: B was faster)
 * @param samples the gap along the segment, from its start to its end
 */
public record Comparison(String raceDay, int stage, Segment segment, RiderSegment riderA, RiderSegment riderB,
                         double gapS, List<Sample> samples) {

    public Comparison {
        samples = List.copyOf(samples);
    }

    /**
     * @param climb    the named climb, or null for a km interval
     * @param category the climb's category, or null
     * @param fromKm   start (km from the stage start)
     * @param toKm     end (km from the stage start)
     * @param lengthKm length (km)
     * @param gainM    altitude gained from start to end along the route (m; negative downhill)
     * @param stepM    distance between two samples (m)
     */
    public record Segment(String climb, String category, double fromKm, double toKm, double lengthKm, double gainM,
                          int stepM) {
    }

    /**
     * @param bib         bib
     * @param name        name
     * @param team        team
     * @param startTime   when the rider reached the segment's start (ISO-8601 instant)
     * @param timeS       seconds from the segment's start to its end
     * @param avgSpeedKmh average speed on the segment
     * @param vamMPerH    metres climbed per hour (gain / time)
     */
    public record RiderSegment(int bib, String name, String team, String startTime, double timeS,
                               double avgSpeedKmh, double vamMPerH) {
    }

    /**
     * @param km        km from the stage start
     * @param altitudeM the route's altitude there
     * @param elapsedAS seconds rider A took from the segment's start to here
     * @param elapsedBS seconds rider B took from the segment's start to here
     * @param gapS      {@code elapsedBS - elapsedAS}
     */
    public record Sample(double km, double altitudeM, double elapsedAS, double elapsedBS, double gapS) {
    }
}
