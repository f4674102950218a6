package dev.peloton.tdf.generate;

import java.util.OptionalLong;

/**
 * A rider of the synthetic peloton: a row of the riders sheet.
 *
 * @param bib      race number (team blocks of ten: 1-8, 11-18, ...; 61 is not assigned)
 * @param name     synthetic name
 * @param slug     the name in lower-case ASCII with dashes, unique
 * @param team     the rider's team
 * @param country  IOC-style country code
 * @param stravaId the rider's Strava athlete id, for about half the riders
 * @param heightCm height (cm)
 * @param weightKg weight (kg)
 * @param role     climber, sprinter or rouleur
 */
public record Rider(int bib, String name, String slug, Team team, String country, OptionalLong stravaId,
                    int heightCm, int weightKg, RiderRole role) {
}
