package dev.peloton.runtime.automation;

import java.time.Instant;

/**
 * What a sensor evaluation gets.
 *
 * @param sensor   the sensor's name
 * @param tickTime the scheduled time of this evaluation
 * @param cursor   the cursor the last evaluation stored, or {@code null} on the first
 * @param data     read access to materializations and finished runs
 */
public record SensorContext(String sensor, Instant tickTime, String cursor, SensorData data) {
}
