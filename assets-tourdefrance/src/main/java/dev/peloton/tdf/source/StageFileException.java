package dev.peloton.tdf.source;

import java.nio.file.Path;

/**
 * A stage route file that is missing or holds a bad value. It fails the one stage (partition) being read; the
 * message names the file and, for a bad value, the line, the column and the value.
 */
public final class StageFileException extends RuntimeException {

    private final int stage;
    private final Path file;
    private final long line;
    private final String column;
    private final String value;

    StageFileException(int stage, Path file, long line, String column, String value, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.file = file;
        this.line = line;
        this.column = column;
        this.value = value;
    }

    /** The stage whose file failed. */
    public int stage() {
        return stage;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the bad value, or 0 when the whole file is the problem (missing, unreadable). */
    public long line() {
        return line;
    }

    /** The column of the bad value, or null. */
    public String column() {
        return column;
    }

    /** The bad value, or null. */
    public String value() {
        return value;
    }
}
