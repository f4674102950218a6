package dev.peloton.runtime.io;

import dev.peloton.core.TablePreview;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The first rows of a query as a {@link TablePreview}, with values every metadata reader can show: numbers, booleans
 * and text (timestamps as {@code yyyy-MM-dd HH:mm:ss}).
 */
public final class ResultSetPreview {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ResultSetPreview() {
    }

    /** Up to {@code max} rows of {@code rs}, read from its current position. */
    public static TablePreview of(ResultSet rs, int max) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rows.size() < max && rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(plain(rs.getObject(i)));
            }
            rows.add(row);
        }
        return new TablePreview(columns, rows);
    }

    /** A value as a number, a boolean or text. */
    public static Object plain(Object v) {
        return switch (v) {
            case null -> null;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case BigDecimal d -> d.doubleValue();
            case Boolean b -> b;
            // Timestamp.toString() adds a ".0" nobody wants to read in a preview.
            case Timestamp t -> TIME.format(t.toLocalDateTime());
            case LocalDateTime t -> TIME.format(t);
            default -> v.toString();
        };
    }
}
