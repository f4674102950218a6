package dev.peloton.runtime.io;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Where a {@link Rows.RowSource} writes its rows, one at a time: straight into DuckDB's appender, so a source can
 * stream any number of rows (a PostgreSQL COPY, a file, a generator) without holding them.
 *
 * <p>Either {@link #row(Object...)} per row, or the typed {@code add} calls (no boxing) followed by
 * {@link #endRow()}. Values go in column order.
 */
public interface RowWriter {

    /** Writes one row; {@code values} has one value per column, {@code null} for NULL. */
    void row(Object... values) throws Exception;

    RowWriter add(long value) throws Exception;

    RowWriter add(int value) throws Exception;

    RowWriter add(double value) throws Exception;

    RowWriter add(boolean value) throws Exception;

    /** A string, a boxed number, a date or time ({@code java.time} or {@code java.sql}), a UUID, or null. */
    RowWriter add(Object value) throws Exception;

    RowWriter addNull() throws Exception;

    /**
     * A {@code TIMESTAMP} as microseconds since 1970-01-01T00:00, without an object per value (the appender takes
     * it as it is). The default makes a {@link LocalDateTime} of it.
     */
    default RowWriter addEpochMicros(long epochMicros) throws Exception {
        return add(LocalDateTime.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                (int) Math.floorMod(epochMicros, 1_000_000L) * 1_000, ZoneOffset.UTC));
    }

    /** Ends the row begun by the {@code add} calls; every column must have a value. */
    void endRow() throws Exception;

    /** Rows written so far. */
    long rowCount();
}
