package dev.peloton.tdf.source;

import java.nio.file.Path;
import java.util.List;

/**
 * The parsed route of one stage.
 *
 * @param stage  stage number (the partition)
 * @param file   the file it was read from
 * @param points the rows, in file order
 */
public record StageRoute(int stage, Path file, List<RoutePoint> points) {

    public StageRoute {
        points = List.copyOf(points);
    }

    /** Route length: {@code km_done} of the last row. */
    public double lengthKm() {
        return points.isEmpty() ? 0 : points.getLast().kmDone();
    }

    /** The checkpoint rows. */
    public List<RoutePoint> checkpoints() {
        return points.stream().filter(RoutePoint::isCheckpoint).toList();
    }
}
