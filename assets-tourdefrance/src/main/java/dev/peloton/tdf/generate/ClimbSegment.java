package dev.peloton.tdf.generate;

/**
 * A categorised climb as the generated route rides it: from its foot to its summit at a steady average gradient.
 *
 * @param name            the climb's name from {@code climbs.csv}, or empty for a summit listed only in
 *                        {@code checkpoints.csv}
 * @param category        {@code H} or {@code 1}..{@code 4}
 * @param footKm          km of the foot
 * @param summitKm        km of the summit
 * @param footAltitudeM   altitude of the foot (m)
 * @param summitAltitudeM altitude of the summit (m)
 * @param official        whether length and gradient are the published ones (otherwise picked as plausible for
 *                        the category, or shortened to fit the terrain)
 */
public record ClimbSegment(String name, String category, double footKm, double summitKm, double footAltitudeM,
                           double summitAltitudeM, boolean official) {

    /** Length in km. */
    public double lengthKm() {
        return summitKm - footKm;
    }

    /** Average gradient in percent. */
    public double avgGradientPct() {
        return (summitAltitudeM - footAltitudeM) / (lengthKm() * 10.0);
    }
}
