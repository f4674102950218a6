package dev.peloton.tdf.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * One rider's ride of one stage: how fast each stretch of the route is ridden, when the rider passes each route row,
 * an optional stop, and where an abandoning rider gets off the bike. From that it streams the GPS points, one per
 * sample interval, without holding them.
 *
 * <p>Speed on a stretch is the rider's flat speed times a gradient factor (slower uphill by the rider's climb
 * penalty per %, faster downhill), with slow random variation, and uphill never faster than the rider's VAM cap
 * allows (metres climbed per hour: about 1,700 m/h for a good climber, never above 1,860), so short steep climbs are
 * not ridden at flat-road speed; the flat speed is solved so that the ride's average speed (distance / elapsed time,
 * stop included) is the target the planner gave.
 */
final class RiderDay {

    private static final double BIKE_KG = 8.0;
    private static final double GRAVITY = 9.81;
    private static final double ROLLING_RESISTANCE = 0.004;
    private static final double DRIVETRAIN_EFFICIENCY = 0.976;
    private static final double HR_TIME_CONSTANT_S = 40.0;

    private final StageFacts facts;
    private final StageSpeeds speeds;
    private final Route route;
    private final LocalDate day;
    private final RiderProfile rider;
    private final boolean hasHeartRate;
    private final long startEpochSecond;
    private final int interval;
    private final long seed;

    /** Seconds of moving time at each row. */
    private final double[] time;
    /** Speed (m/s) on the stretch from each row to the next. */
    private final double[] speed;
    private final int endRow;
    private final int stopRow;
    private final int stopSeconds;
    private final long durationSeconds;
    private final int samples;
    private final double baseTemperature;

    RiderDay(StageFacts facts, StageSpeeds speeds, Route route, LocalDate day, RiderProfile rider,
             boolean hasHeartRate, long startEpochSecond, double targetKmh, double abandonFraction, int interval,
             long seed) {
        this.facts = facts;
        this.speeds = speeds;
        this.route = route;
        this.day = day;
        this.rider = rider;
        this.hasHeartRate = hasHeartRate;
        this.startEpochSecond = startEpochSecond;
        this.interval = interval;
        this.seed = seed;
        int n = route.size();
        SplittableRandom r = Seeds.random(seed, "ride", facts.stage(), rider.bib());
        double[] factor = new double[n];
        double drift = 0;
        boolean finale = facts.type() == StageType.FLAT || facts.type() == StageType.HILLY;
        for (int i = 0; i < n; i++) {
            double g = route.gradientPct(i);
            double f = g >= 0 ? 1 / (1 + rider.climbPenalty() * g) : Math.min(1 + rider.descentGain() * -g, 1.9);
            // slow random variation of pace, correlated over about a kilometre
            drift = 0.98 * drift + 0.2 * 0.05 * Seeds.noise(r);
            f *= 1 + Math.max(-0.25, Math.min(0.25, drift));
            if (finale && route.lengthKm() - route.km(i) < 1.5) {
                f *= 1.12; // the sprint
            }
            factor[i] = f;
        }
        boolean stops = r.nextDouble() < 0.12;
        int stopAt = (int) (n * (0.05 + 0.9 * r.nextDouble()));
        int stopFor = 20 + r.nextInt(130);
        double abandonDraw = abandonFraction;
        this.endRow = Double.isNaN(abandonDraw) ? n - 1
                : Math.max(1, route.rowAtOrBefore(abandonDraw * route.lengthKm()));
        this.stopRow = stops && stopAt < endRow && stopAt > 0 ? stopAt : -1;
        this.stopSeconds = stopRow >= 0 ? stopFor : 0;

        // Uphill, no rider climbs faster than their VAM cap: the stretch's top speed.
        double[] cap = new double[n];
        for (int i = 0; i < n; i++) {
            double rise = i < n - 1 ? route.altitude(i + 1) - route.altitude(i) : 0;
            cap[i] = rise > 0 ? rider.vamCapMh() / 3600.0 * stretchM(i) / rise : Double.POSITIVE_INFINITY;
        }
        double targetSeconds = route.lengthKm() / targetKmh * 3600.0;
        double stopInFullRide = stops && stopAt > 0 ? stopFor : 0;
        double flat = flatSpeed(factor, cap, Math.max(targetSeconds - stopInFullRide, targetSeconds * 0.5));
        this.speed = new double[n];
        this.time = new double[n];
        for (int i = 0; i < n; i++) {
            speed[i] = Math.min(flat * factor[i], cap[i]);
            if (i > 0) {
                time[i] = time[i - 1] + stretchM(i - 1) / speed[i - 1];
            }
        }
        this.durationSeconds = Math.max(1, Math.round(time[endRow] + stopSeconds));
        this.samples = (int) ((durationSeconds + interval - 1) / interval) + 1;
        this.baseTemperature = 25 + 3.5 * Seeds.gaussian(Seeds.random(seed, "weather", facts.stage()));
    }

    /**
     * The flat speed F (m/s) that rides the route in {@code seconds} when each stretch goes at
     * {@code min(F * factor, cap)}. The time is {@code (A - sum of a over capped stretches) / F + sum of b over them},
     * with {@code a = length / factor} and {@code b = length / cap}; a stretch is capped once F passes its threshold
     * {@code cap / factor}. Walking the thresholds in order finds the piece where the time equals {@code seconds},
     * exactly, in one sort. When even capping every climb cannot reach the time, the climbs stay capped and the
     * rest goes as fast as needed.
     */
    private double flatSpeed(double[] factor, double[] cap, double seconds) {
        int n = route.size();
        double total = 0;
        int m = 0;
        double[][] capped = new double[n][];
        for (int i = 0; i < n - 1; i++) {
            double a = stretchM(i) / factor[i];
            total += a;
            if (cap[i] != Double.POSITIVE_INFINITY) {
                capped[m++] = new double[] {cap[i] / factor[i], a, stretchM(i) / cap[i]};
            }
        }
        double[][] thresholds = java.util.Arrays.copyOf(capped, m);
        java.util.Arrays.sort(thresholds, java.util.Comparator.comparingDouble(t -> t[0]));
        double sumA = 0;
        double sumB = 0;
        for (int k = 0; k <= m; k++) {
            // the first k stretches are capped: F in (threshold[k-1], threshold[k]]
            double f = (total - sumA) / (seconds - sumB);
            double low = k == 0 ? 0 : thresholds[k - 1][0];
            double high = k == m ? Double.POSITIVE_INFINITY : thresholds[k][0];
            if (seconds > sumB && f > low && f <= high) {
                return f;
            }
            if (k < m) {
                sumA += thresholds[k][1];
                sumB += thresholds[k][2];
            }
        }
        // Unreachable in practice: the capped climbs alone take longer than the whole ride may.
        return (total - sumA) / Math.max(seconds - sumB, seconds * 0.05);
    }

    private double stretchM(int row) {
        return (route.km(row + 1) - route.km(row)) * 1000.0;
    }

    RiderProfile rider() {
        return rider;
    }

    /** Number of points (bad ones not counted). */
    int samples() {
        return samples;
    }

    /** Elapsed seconds from the start to the last point. */
    long durationSeconds() {
        return durationSeconds;
    }

    /** Whether the rider stops before the finish for good. */
    boolean abandons() {
        return endRow < route.size() - 1;
    }

    /** Time of a sample: every interval from the start, the last one at the end of the ride. */
    Instant sampleTime(int sample) {
        return Instant.ofEpochSecond(startEpochSecond + sampleOffset(sample));
    }

    private long sampleOffset(int sample) {
        return sample == samples - 1 ? durationSeconds : (long) sample * interval;
    }

    /**
     * The points in time order. {@code bad} maps sample indexes to what to spoil there: a duplicate is emitted twice,
     * an out-of-range point replaces the real one.
     */
    Iterator<RacePoint> points(Map<Integer, BadPoint.Kind> bad) {
        return new Points(bad);
    }

    /** Power (W) the rider pushes on the stretch from a row, before sensor noise. */
    private double power(int row, double v) {
        double g = route.gradientPct(row) / 100.0;
        double mass = rider.rider().weightKg() + BIKE_KG;
        boolean timeTrial = facts.type() == StageType.TIME_TRIAL;
        double cda = timeTrial ? 0.23 : 0.32 * (g > 0.04 ? 0.85 : 0.6); // sheltered in the bunch except on climbs
        double rho = 1.2 * Math.max(0.7, 1 - route.altitude(row) / 9000.0);
        double p = (mass * GRAVITY * (ROLLING_RESISTANCE + g) * v + 0.5 * rho * cda * v * v * v) / DRIVETRAIN_EFFICIENCY;
        return Math.max(0, p * rider.powerBias());
    }

    /** Heart rate per row: effort smoothed over time, mapped so the ride's mean and max match the rider's day. */
    private double[] heartRates() {
        SplittableRandom r = Seeds.random(seed, "heart-rate", facts.stage(), rider.bib());
        double avgTarget = speeds.medianAvgHr() + rider.hrAvgOffset() + 2 * Seeds.gaussian(r);
        double maxTarget = Math.max(speeds.medianMaxHr() + rider.hrMaxOffset() + 2 * Seeds.gaussian(r), avgTarget + 12);
        double[] raw = new double[endRow + 1];
        double state = power(0, speed[0]);
        double weighted = 0;
        double total = 0;
        double max = 0;
        for (int i = 0; i <= endRow; i++) {
            double dt = i < endRow ? time[i + 1] - time[i] : 1;
            state += (power(i, speed[i]) - state) * dt / (HR_TIME_CONSTANT_S + dt);
            raw[i] = state;
            weighted += state * dt;
            total += dt;
            max = Math.max(max, state);
        }
        double mean = weighted / total;
        double scale = max > mean ? (maxTarget - avgTarget) / (max - mean) : 0;
        for (int i = 0; i <= endRow; i++) {
            raw[i] = Math.max(60, Math.min(maxTarget, avgTarget + (raw[i] - mean) * scale));
        }
        return raw;
    }

    /** Streams the points; sensor noise and dropouts come from their own random stream, in sample order. */
    private final class Points implements Iterator<RacePoint> {
        private final Map<Integer, BadPoint.Kind> bad;
        private final SplittableRandom r = Seeds.random(seed, "sensors", facts.stage(), rider.bib());
        private final double[] heartRates = hasHeartRate ? heartRates() : null;
        private final double baroOffset = 2 * Seeds.gaussian(r);
        private final int[] dropoutField = new int[3];
        private final int[] dropoutFrom = new int[3];
        private final int[] dropoutTo = new int[3];
        private int sample;
        private int row;
        private double gpsNorth;
        private double gpsEast;
        private RacePoint pending;

        Points(Map<Integer, BadPoint.Kind> bad) {
            this.bad = bad;
            for (int d = 0; d < dropoutField.length; d++) {
                boolean happens = r.nextDouble() < 0.35;
                dropoutField[d] = happens ? r.nextInt(5) : -1;
                int length = (int) Math.ceil((10 + r.nextInt(290)) / (double) interval);
                dropoutFrom[d] = r.nextInt(samples);
                dropoutTo[d] = dropoutFrom[d] + length;
            }
        }

        @Override
        public boolean hasNext() {
            return pending != null || sample < samples;
        }

        @Override
        public RacePoint next() {
            if (pending != null) {
                RacePoint p = pending;
                pending = null;
                return p;
            }
            if (sample >= samples) {
                throw new NoSuchElementException("rider " + rider.bib() + ", stage " + facts.stage()
                        + ": all " + samples + " points were returned");
            }
            RacePoint p = point(sample);
            BadPoint.Kind kind = bad.get(sample);
            sample++;
            if (kind == BadPoint.Kind.DUPLICATE) {
                pending = p;
            } else if (kind == BadPoint.Kind.LATITUDE_OUT_OF_RANGE) {
                double lat = (r.nextBoolean() ? 1 : -1) * round(90.5 + 9 * r.nextDouble(), 1e6);
                p = new RacePoint(p.raceDay(), p.stage(), p.bib(), p.stravaId(), p.time(), lat, p.lon(), p.altitude(),
                        p.distance(), p.speed(), p.heartRate(), p.cadence(), p.power(), p.temperature(), p.moving());
            } else if (kind == BadPoint.Kind.LONGITUDE_OUT_OF_RANGE) {
                double lon = (r.nextBoolean() ? 1 : -1) * round(180.5 + 170 * r.nextDouble(), 1e6);
                p = new RacePoint(p.raceDay(), p.stage(), p.bib(), p.stravaId(), p.time(), p.lat(), lon, p.altitude(),
                        p.distance(), p.speed(), p.heartRate(), p.cadence(), p.power(), p.temperature(), p.moving());
            }
            return p;
        }

        private RacePoint point(int k) {
            long offset = sampleOffset(k);
            boolean last = k == samples - 1;
            boolean moving = true;
            double elapsed = offset;
            double stopStart = stopRow >= 0 ? time[stopRow] : Double.POSITIVE_INFINITY;
            int at;
            double frac;
            if (last) {
                at = endRow;
                frac = 0;
            } else if (elapsed >= stopStart && elapsed < stopStart + stopSeconds) {
                at = stopRow;
                frac = 0;
                moving = false;
            } else {
                double movingTime = elapsed >= stopStart ? elapsed - stopSeconds : elapsed;
                while (row < endRow && time[row + 1] <= movingTime) {
                    row++;
                }
                at = row;
                frac = at < endRow ? (movingTime - time[at]) / (time[at + 1] - time[at]) : 0;
            }
            int next = Math.min(at + 1, route.size() - 1);
            double lat = route.lat(at) + frac * (route.lat(next) - route.lat(at));
            double lon = route.lon(at) + frac * (route.lon(next) - route.lon(at));
            double alt = route.altitude(at) + frac * (route.altitude(next) - route.altitude(at));
            double distance = (route.km(at) + frac * (route.km(next) - route.km(at))) * 1000.0;

            // GPS error: a slowly wandering offset of a metre or two
            gpsNorth = 0.9 * gpsNorth + 0.6 * Seeds.noise(r);
            gpsEast = 0.9 * gpsEast + 0.6 * Seeds.noise(r);
            lat += gpsNorth / GeoPoint.metresPerDegreeLat();
            lon += gpsEast / GeoPoint.metresPerDegreeLon(route.lat(at));

            double v = moving ? speed[at] : 0;
            double kmh = moving ? Math.max(0, v * 3.6 + 0.4 * Seeds.noise(r)) : 0;
            double watts = moving ? power(at, v) * (1 + 0.07 * Seeds.noise(r)) : 0;
            boolean pedalling = watts >= 15;
            double g = route.gradientPct(at);
            Integer power = rider.hasPower() && !droppedOut(k, 0) ? (int) Math.round(pedalling ? watts : 0) : null;
            Integer cadence = rider.hasCadence() && !droppedOut(k, 1)
                    ? (pedalling ? (int) Math.round(rider.cadenceBase() - 0.6 * Math.max(0, g) + 2.5 * Seeds.noise(r)) : 0)
                    : null;
            Integer heartRate = heartRates != null && !droppedOut(k, 2)
                    ? (int) Math.round(heartRates[at] + (moving ? 0 : -5) + Seeds.noise(r)) : null;
            double progress = (double) offset / Math.max(1, durationSeconds);
            Integer temperature = rider.hasTemperature() && !droppedOut(k, 3)
                    ? (int) Math.round(baseTemperature - 0.0065 * alt + 1.5 * progress + rider.temperatureBias()
                    + 0.3 * Seeds.noise(r))
                    : null;
            Double altitude = droppedOut(k, 4) ? null : round(alt + baroOffset + 0.3 * Seeds.noise(r), 10);
            return new RacePoint(day, facts.stage(), rider.bib(), rider.stravaId(),
                    Instant.ofEpochSecond(startEpochSecond + offset), round(lat, 1e6), round(lon, 1e6), altitude,
                    round(distance, 10), round(kmh, 100), heartRate, cadence, power, temperature, moving);
        }

        /** Whether a sensor (0 power, 1 cadence, 2 heart rate, 3 temperature, 4 altitude) is silent at a sample. */
        private boolean droppedOut(int k, int field) {
            for (int d = 0; d < dropoutField.length; d++) {
                if (dropoutField[d] == field && k >= dropoutFrom[d] && k < dropoutTo[d]) {
                    return true;
                }
            }
            return false;
        }
    }

    static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
