package dev.peloton.tdf.generate;

import java.util.OptionalDouble;

/**
 * A named climb: a row of {@code climbs.csv}. Its foot is at {@code summitKm - lengthKm}.
 *
 * @param stage            stage number
 * @param name             the climb's name
 * @param category         {@code H} or {@code 1}..{@code 4}
 * @param summitKm         km of the summit from the stage start
 * @param summitAltitudeM  altitude of the summit (m)
 * @param lengthKm         official length, when published
 * @param avgGradientPct   official average gradient (%), when published
 */
public record Climb(int stage, String name, String category, double summitKm, double summitAltitudeM,
                    OptionalDouble lengthKm, OptionalDouble avgGradientPct) {
}
