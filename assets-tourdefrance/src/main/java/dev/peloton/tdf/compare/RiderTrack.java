package dev.peloton.tdf.compare;

/**
 * One rider's ride on a race day as time and distance along the route, in time order (distance never decreases).
 *
 * @param bib      the rider's bib
 * @param name     the rider's name
 * @param team     the rider's team
 * @param epochS   time of each point (epoch seconds)
 * @param distance distance along the route of each point (m)
 */
public record RiderTrack(int bib, String name, String team, double[] epochS, double[] distance) {

    public RiderTrack {
        if (epochS.length != distance.length || epochS.length == 0) {
            throw new IllegalArgumentException("rider #" + bib + ": a track needs as many times as distances, and"
                    + " at least one point");
        }
    }

    /** Distance of the first point (m). */
    public double firstDistance() {
        return distance[0];
    }

    /** Distance of the last point (m). */
    public double lastDistance() {
        return distance[distance.length - 1];
    }

    /**
     * When the rider first reached {@code metres} along the route: interpolated between the two points that bracket
     * it (matched by distance, not by position, so a route passing the same place twice is no problem); NaN when
     * the track never reaches it or starts after it.
     */
    public double timeAt(double metres) {
        if (distance[0] == metres) {
            return epochS[0];
        }
        if (distance[0] > metres) {
            return Double.NaN;
        }
        int lo = 0;
        int hi = distance.length - 1;
        if (distance[hi] < metres) {
            return Double.NaN;
        }
        // first index with distance >= metres (distance is non-decreasing)
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (distance[mid] >= metres) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int p = lo - 1;
        return epochS[p] + (metres - distance[p]) * (epochS[lo] - epochS[p]) / (distance[lo] - distance[p]);
    }

    /** Distance (m) at a time, interpolated; clamped to the first and last point. */
    public double distanceAt(double epochSecond) {
        if (epochSecond <= epochS[0]) {
            return distance[0];
        }
        int n = epochS.length;
        if (epochSecond >= epochS[n - 1]) {
            return distance[n - 1];
        }
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (epochS[mid] >= epochSecond) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int p = lo - 1;
        return distance[p] + (epochSecond - epochS[p]) * (distance[lo] - distance[p]) / (epochS[lo] - epochS[p]);
    }
}
