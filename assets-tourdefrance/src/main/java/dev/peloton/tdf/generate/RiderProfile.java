package dev.peloton.tdf.generate;

import java.util.SplittableRandom;

/**
 * What the generator knows about a rider with data beyond the sheet: ability, riding style and which sensors the
 * bike computer has. Drawn from the seed and the bib only, so a rider rides the same at every scale.
 *
 * @param rider           the sheet row
 * @param stravaId        the rider's Strava id
 * @param ability         general form, standard normal
 * @param climbPenalty    how much a 1% gradient slows the rider (fraction of flat speed per %)
 * @param descentGain     how much a 1% descent speeds the rider up
 * @param hrKey           uniform key; the riders with the smallest keys publish heart rate
 * @param hasPower        power meter
 * @param hasCadence      cadence sensor
 * @param hasTemperature  temperature sensor
 * @param hrAvgOffset     the rider's average heart rate relative to the peloton's median (bpm)
 * @param hrMaxOffset     the rider's maximum heart rate relative to the peloton's median (bpm)
 * @param powerBias       power meter calibration factor
 * @param temperatureBias the device's temperature offset (°C)
 * @param cadenceBase     preferred cadence on the flat (rpm)
 * @param vamCapMh        the highest vertical speed (m/h) the rider can hold uphill, from role and ability: about
 *                        1,700 m/h for a climber, less for rouleurs and sprinters, never above
 *                        {@value #MAX_VAM_MH}
 */
record RiderProfile(Rider rider, long stravaId, double ability, double climbPenalty, double descentGain, double hrKey,
                    boolean hasPower, boolean hasCadence, boolean hasTemperature, double hrAvgOffset,
                    double hrMaxOffset, double powerBias, double temperatureBias, double cadenceBase,
                    double vamCapMh) {

    /** The best professionals climb at about 1,800-1,900 m/h on long climbs, a little more on short ones. */
    static final double MAX_VAM_MH = 1_860;
    static final double MIN_VAM_MH = 1_150;

    static RiderProfile draw(Rider rider, long seed) {
        if (rider.stravaId().isEmpty()) {
            throw new IllegalArgumentException("rider " + rider.bib() + " has no Strava id, so no data");
        }
        SplittableRandom r = Seeds.random(seed, "rider-profile", rider.bib());
        double ability = Seeds.gaussian(r);
        double penalty = switch (rider.role()) {
            case CLIMBER -> 0.092;
            case ROULEUR -> 0.108;
            case SPRINTER -> 0.125;
        } * (1 - 0.04 * ability) * (1 + 0.03 * Seeds.gaussian(r));
        double descent = 0.05 + 0.0008 * (rider.weightKg() - 68);
        return new RiderProfile(rider, rider.stravaId().getAsLong(), ability, penalty, descent, r.nextDouble(),
                r.nextDouble() < 0.9, r.nextDouble() < 0.93, r.nextDouble() < 0.88,
                5 * Seeds.gaussian(r), 5 * Seeds.gaussian(r), 1 + 0.04 * Seeds.gaussian(r),
                1.5 * Seeds.gaussian(r), 86 + 8 * r.nextDouble(), vamCap(rider.role(), ability));
    }

    /** Drawn from role and ability only, so the other draws of a profile stay as they were. */
    static double vamCap(RiderRole role, double ability) {
        double base = switch (role) {
            case CLIMBER -> 1_720;
            case ROULEUR -> 1_560;
            case SPRINTER -> 1_420;
        };
        return Math.max(MIN_VAM_MH, Math.min(MAX_VAM_MH, base * (1 + 0.04 * ability)));
    }

    int bib() {
        return rider.bib();
    }
}
