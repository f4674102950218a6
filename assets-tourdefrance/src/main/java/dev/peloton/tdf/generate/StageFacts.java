package dev.peloton.tdf.generate;

import java.time.LocalDate;

/**
 * One stage as published: a row of {@code stages.csv}.
 *
 * @param stage      1..21
 * @param date       the race day
 * @param start      start town
 * @param finish     finish town
 * @param lengthKm   route length (km)
 * @param type       flat, hilly, mountain or time trial
 * @param climbM     total climbing (m)
 * @param startPoint km 0
 * @param finishPoint the finish line
 */
public record StageFacts(int stage, LocalDate date, String start, String finish, double lengthKm, StageType type,
                         int climbM, GeoPoint startPoint, GeoPoint finishPoint) {
}
