package dev.peloton.tdf.generate;

/**
 * Statistics measured on real rider data for one stage: a row of {@code speeds.csv}.
 * The generator calibrates speeds and heart rates on them.
 *
 * @param stage            stage number
 * @param stravaRiders     riders with data on that stage
 * @param p10Kmh           10th percentile of the riders' average speed (km/h)
 * @param medianKmh        median average speed (km/h)
 * @param p90Kmh           90th percentile of the riders' average speed (km/h)
 * @param medianDurationH  median duration (h)
 * @param medianAvgHr      median of the riders' average heart rate (bpm)
 * @param medianMaxHr      median of the riders' maximum heart rate (bpm)
 */
public record StageSpeeds(int stage, int stravaRiders, double p10Kmh, double medianKmh, double p90Kmh,
                          double medianDurationH, int medianAvgHr, int medianMaxHr) {
}
