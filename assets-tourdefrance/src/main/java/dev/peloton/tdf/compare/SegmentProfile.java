package dev.peloton.tdf.compare;

/**
 * The route's altitude by km, in km order, for drawing a segment and measuring its climbing.
 *
 * @param km       km from the start of each route point
 * @param altitude altitude of each route point (m)
 */
public record SegmentProfile(double[] km, double[] altitude) {

    public SegmentProfile {
        if (km.length != altitude.length || km.length < 2) {
            throw new IllegalArgumentException("a route profile needs at least two points with km and altitude");
        }
    }

    /** The route's length (km): the km of its last point. */
    public double lengthKm() {
        return km[km.length - 1];
    }

    /** Altitude at a km, interpolated between the route points around it. */
    public double altitudeAt(double atKm) {
        if (atKm <= km[0]) {
            return altitude[0];
        }
        int n = km.length;
        if (atKm >= km[n - 1]) {
            return altitude[n - 1];
        }
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (km[mid] >= atKm) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int p = lo - 1;
        return km[lo] == km[p] ? altitude[lo]
                : altitude[p] + (atKm - km[p]) * (altitude[lo] - altitude[p]) / (km[lo] - km[p]);
    }
}
