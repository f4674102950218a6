package dev.peloton.tdf.source;

/**
 * One row of a stage route CSV.
 *
 * @param lat                latitude (degrees, -90..90)
 * @param lon                longitude (degrees, -180..180)
 * @param altitude           altitude (m)
 * @param kmDone             km from the start
 * @param kmToGo             km to the finish
 * @param checkpointType     {@code start}, {@code sprint}, {@code summit}, {@code bonus+summit}, {@code arrival}, ...,
 *                           or null on an ordinary row
 * @param checkpointCategory climb category {@code 1}..{@code 4} or {@code H}, or null
 */
public record RoutePoint(double lat, double lon, double altitude, double kmDone, double kmToGo, String checkpointType,
                         String checkpointCategory) {

    /** Whether the row is a checkpoint (the start, a sprint, a summit, the finish, ...). */
    public boolean isCheckpoint() {
        return checkpointType != null;
    }
}
