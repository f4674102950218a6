package dev.peloton.tdf.generate;

/**
 * A team: a row of {@code teams.csv}.
 *
 * @param name         team name
 * @param uciCode      UCI code
 * @param country      IOC-style country code
 * @param status       WorldTeam or ProTeam status
 * @param codeVerified whether the UCI code was confirmed
 */
public record Team(String name, String uciCode, String country, String status, boolean codeVerified) {
}
