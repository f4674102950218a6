package dev.peloton.tdf.generate;

/**
 * A position in WGS84 degrees.
 *
 * @param lat latitude in degrees
 * @param lon longitude in degrees
 */
public record GeoPoint(double lat, double lon) {

    /** Mean Earth radius in metres, the one the haversine formula is usually given with. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    /** Great-circle distance in metres (haversine). */
    public double distanceTo(GeoPoint other) {
        return distanceM(lat, lon, other.lat, other.lon);
    }

    /** Great-circle distance in metres between two positions given in degrees (haversine). */
    public static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        double p1 = StrictMath.toRadians(lat1);
        double p2 = StrictMath.toRadians(lat2);
        double dp = p2 - p1;
        double dl = StrictMath.toRadians(lon2 - lon1);
        double s1 = StrictMath.sin(dp / 2);
        double s2 = StrictMath.sin(dl / 2);
        double a = s1 * s1 + StrictMath.cos(p1) * StrictMath.cos(p2) * s2 * s2;
        return 2 * EARTH_RADIUS_M * StrictMath.asin(StrictMath.min(1.0, StrictMath.sqrt(a)));
    }

    /** Metres per degree of latitude (spherical Earth). */
    static double metresPerDegreeLat() {
        return EARTH_RADIUS_M * StrictMath.PI / 180.0;
    }

    /** Metres per degree of longitude at the given latitude (spherical Earth). */
    static double metresPerDegreeLon(double latDeg) {
        return metresPerDegreeLat() * StrictMath.cos(StrictMath.toRadians(latDeg));
    }
}
