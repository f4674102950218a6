package dev.peloton.tdf.generate;

/**
 * A sprint, summit, time check or arrival: a row of {@code checkpoints.csv}.
 *
 * @param stage     stage number
 * @param number    the organiser's checkpoint number within the stage
 * @param type      {@code sprint}, {@code summit}, {@code bonus+summit}, {@code chrono}, {@code chrono+summit},
 *                  {@code arrival} or {@code arrival+summit}
 * @param category  climb category ({@code H}, {@code 1}..{@code 4}) for summits, empty otherwise
 * @param km        km from the start
 * @param kmToGo    km to the finish
 * @param altitudeM altitude (m)
 * @param point     position
 */
public record Checkpoint(int stage, int number, String type, String category, double km, double kmToGo,
                         double altitudeM, GeoPoint point) {

    /** Whether the checkpoint is the top of a categorised climb. */
    public boolean isSummit() {
        return type.contains("summit");
    }

    /** Whether the checkpoint is the finish line. */
    public boolean isArrival() {
        return type.startsWith("arrival");
    }
}
