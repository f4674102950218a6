package dev.peloton.tdf.generate;

import java.util.Arrays;
import java.util.List;

/**
 * A generated stage route: rows about every 20 m from the start (km 0) to the finish, with position, altitude and
 * the checkpoint (if any) at each row. Values are held at the precision the route CSV is written with, so the race
 * points generated from this object and a route read back from its CSV agree.
 */
public final class Route {

    /** Rows on each side used to smooth the gradient (about 100 m each way). */
    private static final int GRADIENT_HALF_WINDOW = 5;

    private final int stage;
    private final double[] lat;
    private final double[] lon;
    private final double[] alt;
    private final double[] km;
    private final double[] gradientPct;
    private final String[] checkpointType;
    private final String[] checkpointCategory;
    private final List<ClimbSegment> climbs;

    Route(int stage, double[] lat, double[] lon, double[] alt, double[] km, String[] checkpointType,
          String[] checkpointCategory, List<ClimbSegment> climbs) {
        int n = km.length;
        if (lat.length != n || lon.length != n || alt.length != n || checkpointType.length != n
                || checkpointCategory.length != n || n < 2) {
            throw new IllegalArgumentException("stage " + stage + ": route columns must have the same length >= 2");
        }
        this.stage = stage;
        this.lat = round(lat, 1e6);
        this.lon = round(lon, 1e6);
        this.alt = round(alt, 10);
        this.km = round(km, 1e3);
        this.checkpointType = checkpointType.clone();
        this.checkpointCategory = checkpointCategory.clone();
        this.climbs = List.copyOf(climbs);
        this.gradientPct = new double[n];
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - GRADIENT_HALF_WINDOW);
            int b = Math.min(n - 1, i + GRADIENT_HALF_WINDOW);
            gradientPct[i] = (this.alt[b] - this.alt[a]) / ((this.km[b] - this.km[a]) * 10.0);
        }
    }

    private static double[] round(double[] v, double scale) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i] * scale) / scale;
        }
        return out;
    }

    /** The stage number. */
    public int stage() {
        return stage;
    }

    /** Number of rows. */
    public int size() {
        return km.length;
    }

    /** Route length (km), the km of the last row. */
    public double lengthKm() {
        return km[km.length - 1];
    }

    public double lat(int row) {
        return lat[row];
    }

    public double lon(int row) {
        return lon[row];
    }

    /** Altitude (m). */
    public double altitude(int row) {
        return alt[row];
    }

    /** Km from the start. */
    public double km(int row) {
        return km[row];
    }

    /** Km to the finish. */
    public double kmToGo(int row) {
        return Math.round((lengthKm() - km[row]) * 1e3) / 1e3;
    }

    /** Gradient (%) around the row, averaged over about 200 m. */
    public double gradientPct(int row) {
        return gradientPct[row];
    }

    /** Checkpoint type at the row ({@code start}, {@code sprint}, {@code summit}, ...), or null. */
    public String checkpointType(int row) {
        return checkpointType[row];
    }

    /** Climb category at the row ({@code H}, {@code 1}..{@code 4}), or null. */
    public String checkpointCategory(int row) {
        return checkpointCategory[row];
    }

    /** The categorised climbs as ridden, in km order. */
    public List<ClimbSegment> climbs() {
        return climbs;
    }

    /** The last row at or before a km (0 before the start). */
    public int rowAtOrBefore(double kmFromStart) {
        int i = Arrays.binarySearch(km, kmFromStart);
        if (i >= 0) {
            return i;
        }
        return Math.max(0, -i - 2);
    }

    /** Total climbing (m): the sum of the rises between consecutive rows. */
    public double climbingM() {
        double up = 0;
        for (int i = 1; i < alt.length; i++) {
            if (alt[i] > alt[i - 1]) {
                up += alt[i] - alt[i - 1];
            }
        }
        return up;
    }
}
