package dev.peloton.tdf.source;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A stage route file in the drop folder, as a sensor sees it.
 *
 * @param stage        stage number parsed from the file name
 * @param file         the file
 * @param lastModified its last-modified time
 * @param size         its size in bytes
 * @param sha256       hex SHA-256 of its content: changes exactly when the content does (a touch does not change it)
 */
public record StageFile(int stage, Path file, Instant lastModified, long size, String sha256) {

    /** The partition key of the stage: {@code "1"} .. {@code "21"}. */
    public String partitionKey() {
        return Integer.toString(stage);
    }
}
