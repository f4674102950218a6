package dev.peloton.runtime.io.duckdb;

import dev.peloton.runtime.io.Column;
import dev.peloton.runtime.io.RowWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.duckdb.DuckDBAppender;

/** Writes rows through DuckDB's appender, checking that every row has one value per declared column. */
final class AppenderRowWriter implements RowWriter {

    private final DuckDBAppender appender;
    private final List<Column> columns;
    /** Appended after the declared columns of each row, or null. */
    private final String partitionKey;
    /** Columns of type TIMESTAMP (microseconds), which take epoch microseconds as they are. */
    private final boolean[] timestampMicros;
    /** Columns of type TIMESTAMPTZ, which take an instant. */
    private final boolean[] timestampTz;
    private int column;
    private long rows;

    AppenderRowWriter(DuckDBAppender appender, List<Column> columns, String partitionKey) {
        this.appender = appender;
        this.columns = columns;
        this.partitionKey = partitionKey;
        this.timestampMicros = new boolean[columns.size()];
        this.timestampTz = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String type = columns.get(i).type().trim().toUpperCase(java.util.Locale.ROOT);
            timestampMicros[i] = type.equals("TIMESTAMP") || type.equals("DATETIME");
            timestampTz[i] = type.equals("TIMESTAMPTZ") || type.equals("TIMESTAMP WITH TIME ZONE");
        }
    }

    @Override
    public void row(Object... values) throws SQLException {
        if (values == null || values.length != columns.size()) {
            throw new IllegalArgumentException("Row " + (rows + 1) + " has " + (values == null ? 0 : values.length)
                    + " values for " + columns.size() + " columns " + names());
        }
        if (column != 0) {
            throw new IllegalStateException("Row " + (rows + 1) + " was begun with add() and not ended before row()");
        }
        for (Object v : values) {
            add(v);
        }
        endRow();
    }

    private void next() throws SQLException {
        if (column >= columns.size()) {
            throw new IllegalArgumentException("Row " + (rows + 1) + " has more values than the " + columns.size()
                    + " columns " + names());
        }
        if (column == 0) {
            appender.beginRow();
        }
        column++;
    }

    @Override
    public RowWriter add(long value) throws SQLException {
        next();
        appender.append(value);
        return this;
    }

    @Override
    public RowWriter add(int value) throws SQLException {
        next();
        appender.append(value);
        return this;
    }

    @Override
    public RowWriter add(double value) throws SQLException {
        next();
        appender.append(value);
        return this;
    }

    @Override
    public RowWriter add(boolean value) throws SQLException {
        next();
        appender.append(value);
        return this;
    }

    @Override
    public RowWriter addEpochMicros(long epochMicros) throws SQLException {
        if (column < columns.size() && !timestampMicros[column]) {
            // another type (TIMESTAMPTZ, TIMESTAMP_S, ...): a java.time value the appender converts
            Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                    Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
            return add(timestampTz[column] ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
        next();
        appender.appendEpochMicros(epochMicros);
        return this;
    }

    @Override
    public RowWriter addNull() throws SQLException {
        next();
        appender.appendNull();
        return this;
    }

    @Override
    public RowWriter add(Object value) throws SQLException {
        if (value == null) {
            return addNull();
        }
        int at = column;
        next();
        switch (value) {
            case String s -> appender.append(s);
            case Long l -> appender.append(l.longValue());
            case Integer i -> appender.append(i.intValue());
            case Double d -> appender.append(d.doubleValue());
            case Boolean b -> appender.append(b.booleanValue());
            case Short s -> appender.append(s.shortValue());
            case Byte b -> appender.append(b.byteValue());
            case Float f -> appender.append(f.floatValue());
            case BigDecimal d -> appender.append(d);
            case BigInteger i -> appender.append(i);
            case LocalDate d -> appender.append(d);
            case LocalDateTime t -> appender.append(t);
            case LocalTime t -> appender.append(t);
            case OffsetDateTime t -> appender.append(t);
            case Instant t -> appender.append(t.atOffset(ZoneOffset.UTC));
            case java.sql.Date d -> appender.append(d.toLocalDate());
            case java.sql.Timestamp t -> appender.append(t.toLocalDateTime());
            case UUID u -> appender.append(u);
            case Character c -> appender.append(String.valueOf(c));
            case CharSequence s -> appender.append(s.toString());
            case Enum<?> e -> appender.append(e.name());
            default -> throw new IllegalArgumentException("Row " + (rows + 1) + ", column '"
                    + columns.get(at).name() + "' (" + columns.get(at).type() + "): cannot append a "
                    + value.getClass().getName() + "; give a String, a number, a java.time value or a UUID");
        }
        return this;
    }

    @Override
    public void endRow() throws SQLException {
        if (column != columns.size()) {
            throw new IllegalArgumentException("Row " + (rows + 1) + " ended after " + column + " values, but there"
                    + " are " + columns.size() + " columns " + names());
        }
        if (partitionKey != null) {
            appender.append(partitionKey);
        }
        appender.endRow();
        column = 0;
        rows++;
    }

    @Override
    public long rowCount() {
        return rows;
    }

    /** Fails when a row was begun and not ended. */
    void finish() {
        if (column != 0) {
            throw new IllegalArgumentException("The last row (" + (rows + 1) + ") was begun and never ended: it has "
                    + column + " of " + columns.size() + " values; call endRow()");
        }
    }

    private List<String> names() {
        return columns.stream().map(Column::name).toList();
    }
}
