package dev.peloton.tdf.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The planar path of a stage: a synthetic curve through the real start, checkpoints and finish, with each piece
 * between two of them exactly as long as the real route says, sampled about every 20 m.
 *
 * <p>A piece from A to B of length L is {@code p(t) = A + t(B - A) + s h(t)}: the straight line plus a random
 * smooth wiggle {@code h} (sine harmonics across and along the line, vanishing at both ends) scaled by {@code s}.
 * Arc length is convex in {@code s} and smallest (the straight distance) at {@code s = 0}, so bisection on
 * {@code s} finds the one curve of length L. A piece far longer than the distance it spans (the laps of the
 * Champs-Élysées in stage 21) gets circular laps added to the wiggle.
 */
final class RoutePath {

    /** Rows about every 20 m along the route. */
    static final double STEP_M = 20.0;
    /** Above this length/distance ratio a piece makes a loop. */
    private static final double LOOP_RATIO = 3.0;
    /** Above this length/distance ratio a piece is ridden as laps of a circuit. */
    private static final double LAPS_RATIO = 8.0;
    /** Typical circuit length for laps. */
    private static final double LAP_M = 7000.0;
    /** Points of the dense curve per metre used to measure and resample it. */
    private static final double DENSE_STEP_M = 4.0;

    /** A point the route must pass at a given km. */
    record Anchor(double km, GeoPoint point) {
    }

    /** The sampled path: rows with km from the start and position; {@code anchorRows[i]} is the row of anchor i. */
    record Path(double[] km, double[] lat, double[] lon, int[] anchorRows) {
    }

    private RoutePath() {
    }

    static Path build(int stage, List<Anchor> anchors, SplittableRandom random) {
        int[] steps = new int[anchors.size() - 1];
        int rows = 1;
        for (int a = 0; a < steps.length; a++) {
            double lengthM = (anchors.get(a + 1).km() - anchors.get(a).km()) * 1000.0;
            if (lengthM <= 0) {
                throw new IllegalStateException("stage " + stage + ": checkpoints at km " + anchors.get(a).km()
                        + " and " + anchors.get(a + 1).km() + " are not in increasing km order");
            }
            steps[a] = Math.max(1, (int) Math.round(lengthM / STEP_M));
            rows += steps[a];
        }
        double[] km = new double[rows];
        double[] lat = new double[rows];
        double[] lon = new double[rows];
        int[] anchorRows = new int[anchors.size()];
        int row = 0;
        for (int a = 0; a < steps.length; a++) {
            Anchor from = anchors.get(a);
            Anchor to = anchors.get(a + 1);
            anchorRows[a] = row;
            piece(stage, from, to, steps[a], random, km, lat, lon, row);
            row += steps[a];
        }
        Anchor last = anchors.getLast();
        km[row] = last.km();
        lat[row] = last.point().lat();
        lon[row] = last.point().lon();
        anchorRows[anchors.size() - 1] = row;
        return new Path(km, lat, lon, anchorRows);
    }

    /** Fills rows {@code first .. first + steps - 1} with the piece from {@code a} (included) to {@code b} (excluded). */
    private static void piece(int stage, Anchor a, Anchor b, int steps, SplittableRandom r,
                              double[] km, double[] lat, double[] lon, int first) {
        double lengthM = (b.km() - a.km()) * 1000.0;
        double lat0 = a.point().lat();
        double lon0 = a.point().lon();
        double mLat = GeoPoint.metresPerDegreeLat();
        double mLon = GeoPoint.metresPerDegreeLon((lat0 + b.point().lat()) / 2);
        double bx = (b.point().lon() - lon0) * mLon;
        double by = (b.point().lat() - lat0) * mLat;
        double straight = StrictMath.hypot(bx, by);
        if (straight > lengthM * 1.001) {
            throw new IllegalStateException("stage " + stage + ": km " + a.km() + " to " + b.km() + " is "
                    + Math.round(lengthM) + " m along the route but " + Math.round(straight)
                    + " m as the crow flies; the facts are inconsistent");
        }
        int n = Math.max(200, (int) Math.ceil(lengthM / DENSE_STEP_M));
        double[] hx = new double[n + 1];
        double[] hy = new double[n + 1];
        wiggle(r, lengthM, straight, bx, by, hx, hy);
        double[] x = new double[n + 1];
        double[] y = new double[n + 1];
        double s = scaleForLength(bx, by, hx, hy, x, y, lat0, mLat, lengthM);
        place(bx, by, hx, hy, s, x, y);
        // Resample at equal arc length.
        double[] cum = new double[n + 1];
        double total = measure(x, y, lat0, mLat, cum);
        int i = 0;
        for (int j = 0; j < steps; j++) {
            double target = total * j / steps;
            while (i < n - 1 && cum[i + 1] < target) {
                i++;
            }
            double span = cum[i + 1] - cum[i];
            double f = span > 0 ? (target - cum[i]) / span : 0;
            km[first + j] = a.km() + (b.km() - a.km()) * j / steps;
            lat[first + j] = lat0 + (y[i] + f * (y[i + 1] - y[i])) / mLat;
            lon[first + j] = lon0 + (x[i] + f * (x[i + 1] - x[i])) / mLon;
        }
        km[first] = a.km();
        lat[first] = a.point().lat();
        lon[first] = a.point().lon();
    }

    /** A random wiggle in metres, zero at both ends; laps of a circuit when the piece is far longer than wide. */
    private static void wiggle(SplittableRandom r, double lengthM, double straight, double bx, double by,
                               double[] hx, double[] hy) {
        int n = hx.length - 1;
        double ux = straight > 1 ? bx / straight : 1;
        double uy = straight > 1 ? by / straight : 0;
        int harmonics = (int) Math.max(3, Math.min(14, Math.round(lengthM / 4000.0)));
        double[] across = new double[harmonics];
        double[] along = new double[harmonics];
        for (int k = 0; k < harmonics; k++) {
            double damp = StrictMath.pow(k + 1, -1.6);
            across[k] = Seeds.gaussian(r) * damp;
            along[k] = 0.35 * Seeds.gaussian(r) * damp;
        }
        double ratio = lengthM / Math.max(straight, 1);
        boolean laps = ratio > LOOP_RATIO;
        int lapCount = ratio > LAPS_RATIO ? (int) Math.max(1, Math.round(lengthM / LAP_M)) : laps ? 1 : 0;
        double lapWeight = laps ? 4.0 : 0.0;
        double rot = 2 * StrictMath.PI * r.nextDouble();
        double dir = r.nextBoolean() ? 1 : -1;
        for (int i = 0; i <= n; i++) {
            double t = (double) i / n;
            double a = 0;
            double l = 0;
            // sin((k+1)x) by the recurrence sin((k+1)x) = 2 cos(x) sin(kx) - sin((k-1)x): two trig calls per point
            double x = StrictMath.PI * t;
            double twoCos = 2 * StrictMath.cos(x);
            double prev = 0;
            double sk = StrictMath.sin(x);
            for (int k = 0; k < harmonics; k++) {
                a += across[k] * sk;
                l += along[k] * sk;
                double next = twoCos * sk - prev;
                prev = sk;
                sk = next;
            }
            double cx = 0;
            double cy = 0;
            if (laps) {
                double phase = 2 * StrictMath.PI * lapCount * t;
                double px = StrictMath.cos(phase) - 1;
                double py = dir * StrictMath.sin(phase);
                cx = lapWeight * (px * StrictMath.cos(rot) - py * StrictMath.sin(rot));
                cy = lapWeight * (px * StrictMath.sin(rot) + py * StrictMath.cos(rot));
            }
            // across is perpendicular to the straight line (-uy, ux), along is parallel (ux, uy)
            hx[i] = a * -uy + l * ux + cx;
            hy[i] = a * ux + l * uy + cy;
        }
        hx[0] = hy[0] = hx[n] = hy[n] = 0;
    }

    private static void place(double bx, double by, double[] hx, double[] hy, double s, double[] x, double[] y) {
        int n = hx.length - 1;
        for (int i = 0; i <= n; i++) {
            double t = (double) i / n;
            x[i] = t * bx + s * hx[i];
            y[i] = t * by + s * hy[i];
        }
    }

    /** Bisection on the wiggle's scale so that the curve is {@code lengthM} long on the sphere. */
    private static double scaleForLength(double bx, double by, double[] hx, double[] hy, double[] x, double[] y,
                                         double lat0, double mLat, double lengthM) {
        double lo = 0;
        double hi = 1;
        while (length(bx, by, hx, hy, hi, x, y, lat0, mLat) < lengthM) {
            lo = hi;
            hi *= 2;
            if (hi > 1e9) {
                throw new IllegalStateException("cannot stretch a path to " + lengthM + " m");
            }
        }
        for (int it = 0; it < 80 && hi - lo > 1e-9 * hi; it++) {
            double mid = (lo + hi) / 2;
            if (length(bx, by, hx, hy, mid, x, y, lat0, mLat) < lengthM) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * Length of the curve at scale s. East-west metres shrink with cos(latitude); a first-order expansion around the
     * piece's start latitude keeps this exact to about 1e-5 without a cosine per point.
     */
    private static double length(double bx, double by, double[] hx, double[] hy, double s, double[] x, double[] y,
                                 double lat0, double mLat) {
        place(bx, by, hx, hy, s, x, y);
        return measure(x, y, lat0, mLat, null);
    }

    /** Length of the polyline (x, y) in frame metres on the sphere; fills the cumulative length when asked. */
    private static double measure(double[] x, double[] y, double lat0, double mLat, double[] cumulative) {
        double phi0 = StrictMath.toRadians(lat0);
        double mid = StrictMath.toRadians(lat0 + (y[y.length - 1] / 2) / mLat);
        double cosMid = StrictMath.cos(mid);
        double cos0 = StrictMath.cos(phi0);
        double sin0 = StrictMath.sin(phi0);
        double total = 0;
        for (int i = 1; i < x.length; i++) {
            double dy = y[i] - y[i - 1];
            double latRad = phi0 + ((y[i] + y[i - 1]) / 2) / mLat * StrictMath.PI / 180.0;
            double c = cos0 - sin0 * (latRad - phi0);
            double dx = (x[i] - x[i - 1]) * c / cosMid;
            total += Math.sqrt(dx * dx + dy * dy);
            if (cumulative != null) {
                cumulative[i] = total;
            }
        }
        return total;
    }
}
