package dev.peloton.tdf.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The altitude along a stage. Fixed points: every checkpoint's altitude at its km, and every categorised climb
 * from its foot ({@code summit_km - length_km}) to its summit at its average gradient. Between them the road
 * runs straight to the next fixed point (descents from a summit steep first, then easing), plus rolling terrain
 * whose size is set by bisection so that the total climbing comes close to the published {@code climb_m}.
 */
final class ElevationProfile {

    /**
     * The start's altitude is not in the facts; a start this close to the finish (as a share of the length) is taken
     * to be at the finish's altitude.
     */
    private static final double LOOP_START_SHARE = 0.05;
    /** Rolling terrain never gets steeper than this (fraction). */
    private static final double MAX_ROLLING_GRADIENT = 0.14;
    /** Descents into the foot of a climb whose length is not published stay below this average (m per km). */
    private static final double MAX_APPROACH_DROP_M_PER_KM = 70;
    /** Rolling terrain fades in and out over this many km next to a fixed point. */
    private static final double RAMP_KM = 1.0;
    private static final double[] WAVELENGTHS_KM = {2.9, 7.1};
    private static final double TRIANGLE_ROUNDING = 0.97;

    /**
     * @param alt           altitude per row
     * @param climbs        the climbs as ridden
     * @param startAltitude the altitude picked for km 0
     */
    record Result(double[] alt, List<ClimbSegment> climbs, double startAltitude) {
    }

    private enum Kind { START, FOOT, CHECKPOINT }

    private record Fixed(double km, double alt, Kind kind, boolean summit) {
    }

    private ElevationProfile() {
    }

    static Result build(StageFacts stage, List<Checkpoint> checkpoints, List<Climb> published, double[] km,
                        SplittableRandom r) {
        List<ClimbSegment> climbs = climbs(stage, checkpoints, published, r);
        double startAlt = startAltitude(stage, checkpoints, climbs);
        List<Fixed> fixed = new ArrayList<>();
        fixed.add(new Fixed(0, startAlt, Kind.START, false));
        int c = 0;
        for (Checkpoint cp : checkpoints) {
            if (cp.isSummit()) {
                ClimbSegment climb = climbs.get(c++);
                fixed.add(new Fixed(climb.footKm(), climb.footAltitudeM(), Kind.FOOT, false));
            }
            fixed.add(new Fixed(cp.km(), cp.altitudeM(), Kind.CHECKPOINT, cp.isSummit()));
        }

        double[] base = new double[km.length];
        double[] rolling = new double[km.length];
        shape(fixed, km, r, base, rolling);
        double target = stage.climbM();
        double[] alt = new double[km.length];
        double lo = 0;
        double hi = MAX_ROLLING_GRADIENT;
        if (climbing(base, rolling, lo, alt) >= target) {
            hi = lo;
        } else if (climbing(base, rolling, hi, alt) > target) {
            for (int it = 0; it < 40; it++) {
                double mid = (lo + hi) / 2;
                if (climbing(base, rolling, mid, alt) < target) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
        }
        climbing(base, rolling, hi, alt);
        return new Result(alt, List.copyOf(climbs), startAlt);
    }

    /** Total climbing (m) of {@code base + a * rolling}, written into {@code alt}. */
    private static double climbing(double[] base, double[] rolling, double a, double[] alt) {
        double up = 0;
        for (int i = 0; i < alt.length; i++) {
            alt[i] = Math.max(0, base[i] + a * rolling[i]);
            if (i > 0 && alt[i] > alt[i - 1]) {
                up += alt[i] - alt[i - 1];
            }
        }
        return up;
    }

    /** Fills the fixed-point profile and a unit rolling terrain (max gradient 1) that vanishes at fixed points. */
    private static void shape(List<Fixed> fixed, double[] km, SplittableRandom r, double[] base, double[] rolling) {
        double[] phase = new double[WAVELENGTHS_KM.length];
        double[] weight = new double[WAVELENGTHS_KM.length];
        double sum = 0;
        for (int j = 0; j < phase.length; j++) {
            phase[j] = 2 * StrictMath.PI * r.nextDouble();
            weight[j] = 0.5 + 0.5 * r.nextDouble();
            sum += weight[j];
        }
        for (int j = 0; j < weight.length; j++) {
            weight[j] /= sum;
        }
        int seg = 0;
        double[] wiggle = new double[3];
        for (int i = 0; i < km.length; i++) {
            double x = km[i];
            while (seg < fixed.size() - 2 && x >= fixed.get(seg + 1).km()) {
                seg++;
            }
            Fixed a = fixed.get(seg);
            Fixed b = fixed.get(seg + 1);
            double u = Math.min(1, Math.max(0, (x - a.km()) / (b.km() - a.km())));
            if (a.kind() == Kind.FOOT) {
                if (i == 0 || x - km[i - 1] > x - a.km()) {
                    // first row of this climb: draw how its gradient varies around the average
                    for (int k = 0; k < wiggle.length; k++) {
                        wiggle[k] = (2 * r.nextDouble() - 1) * 0.2 / ((k + 1) * StrictMath.PI);
                    }
                }
                double w = 0;
                for (int k = 0; k < wiggle.length; k++) {
                    w += wiggle[k] * StrictMath.sin((k + 1) * StrictMath.PI * u);
                }
                base[i] = a.alt() + (b.alt() - a.alt()) * (u + w);
                rolling[i] = 0;
                continue;
            }
            if (a.summit() && b.alt() < a.alt()) {
                base[i] = b.alt() + (a.alt() - b.alt()) * StrictMath.pow(1 - u, 1.3);
            } else {
                base[i] = a.alt() + (b.alt() - a.alt()) * u;
            }
            double envelope = Math.min(1, Math.min(x - a.km(), b.km() - x) / RAMP_KM);
            double terrain = 0;
            for (int j = 0; j < phase.length; j++) {
                double lambdaM = WAVELENGTHS_KM[j] * 1000;
                // asin(rho sin) is a triangle wave with rounded tops: steady pitches, like real rolling roads,
                // which climb more than a sine wave at the same steepest gradient.
                terrain += weight[j] * lambdaM / (2 * StrictMath.PI)
                        * StrictMath.asin(TRIANGLE_ROUNDING * StrictMath.sin(2 * StrictMath.PI * x * 1000 / lambdaM + phase[j]));
            }
            rolling[i] = envelope * terrain;
        }
        // The components rarely peak together: rescale so that the steepest rolling pitch is exactly 1.
        double steepest = 0;
        for (int i = 1; i < km.length; i++) {
            double dx = (km[i] - km[i - 1]) * 1000;
            if (dx > 0) {
                steepest = Math.max(steepest, Math.abs(rolling[i] - rolling[i - 1]) / dx);
            }
        }
        if (steepest > 0) {
            for (int i = 0; i < km.length; i++) {
                rolling[i] /= steepest;
            }
        }
    }

    /** One climb per summit checkpoint, with the published length and gradient when there are some. */
    private static List<ClimbSegment> climbs(StageFacts stage, List<Checkpoint> checkpoints, List<Climb> published,
                                             SplittableRandom r) {
        List<ClimbSegment> out = new ArrayList<>();
        double previousKm = 0;
        double previousAlt = Double.NaN;
        for (Checkpoint cp : checkpoints) {
            if (cp.isSummit()) {
                Climb match = null;
                for (Climb climb : published) {
                    if (Math.abs(climb.summitKm() - cp.km()) < 0.05) {
                        match = climb;
                    }
                }
                out.add(climb(stage, cp, match, previousKm, previousAlt, r));
            }
            previousKm = cp.km();
            previousAlt = cp.altitudeM();
        }
        return out;
    }

    private static ClimbSegment climb(StageFacts stage, Checkpoint summit, Climb match, double previousKm,
                                      double previousAlt, SplittableRandom r) {
        String category = summit.category().isEmpty() ? "4" : summit.category();
        double[] typical = switch (category) {
            case "H" -> new double[] {14.0, 7.5};
            case "1" -> new double[] {9.0, 7.0};
            case "2" -> new double[] {5.5, 6.5};
            case "3" -> new double[] {3.0, 5.5};
            case "4" -> new double[] {1.8, 4.5};
            default -> throw new IllegalStateException("stage " + stage.stage() + ", checkpoint at km " + summit.km()
                    + ": unknown climb category '" + category + "'; valid: H, 1, 2, 3, 4");
        };
        // Drawn even when published values exist, so that the random stream does not depend on which are missing.
        double plausibleLength = typical[0] * (0.8 + 0.4 * r.nextDouble());
        double plausibleGradient = typical[1] * (0.9 + 0.2 * r.nextDouble());
        boolean officialLength = match != null && match.lengthKm().isPresent();
        boolean officialGradient = match != null && match.avgGradientPct().isPresent();
        double length = officialLength ? match.lengthKm().getAsDouble() : plausibleLength;
        double gradient = officialGradient ? match.avgGradientPct().getAsDouble() : plausibleGradient;
        boolean official = officialLength && officialGradient;
        if (!officialLength && !Double.isNaN(previousAlt)) {
            // A picked length must not drop the foot so low that the road from the previous checkpoint to it is a
            // cliff: len * (10g + d) <= summitAlt - previousAlt + d * room, with d the steepest average approach.
            double d = MAX_APPROACH_DROP_M_PER_KM;
            double limit = (summit.altitudeM() - previousAlt + d * (summit.km() - previousKm)) / (gradient * 10 + d);
            length = Math.max(Math.min(length, limit), 0.5);
        }

        double room = summit.km() - previousKm;
        double minFootKm = previousKm + Math.min(0.2, room / 2);
        double footKm = summit.km() - length;
        if (footKm < minFootKm) {
            footKm = minFootKm;
            official = false;
        }
        double footAlt = summit.altitudeM() - (summit.km() - footKm) * gradient * 10;
        if (footAlt < 0) {
            if (official) {
                footAlt = 0; // the sea: keep the published length, the gradient comes out a little lower
            } else {
                footKm = Math.max(footKm, summit.km() - summit.altitudeM() * 0.95 / (gradient * 10));
                footAlt = summit.altitudeM() - (summit.km() - footKm) * gradient * 10;
            }
        }
        String name = match == null ? "" : match.name();
        return new ClimbSegment(name, category, footKm, summit.km(), footAlt, summit.altitudeM(), official);
    }

    private static double startAltitude(StageFacts stage, List<Checkpoint> checkpoints, List<ClimbSegment> climbs) {
        if (stage.startPoint().distanceTo(stage.finishPoint()) < LOOP_START_SHARE * stage.lengthKm() * 1000) {
            return checkpoints.getLast().altitudeM();
        }
        Checkpoint first = checkpoints.getFirst();
        return first.isSummit() ? climbs.getFirst().footAltitudeM() : first.altitudeM();
    }
}
