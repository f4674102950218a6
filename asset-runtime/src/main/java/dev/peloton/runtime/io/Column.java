package dev.peloton.runtime.io;

import java.util.regex.Pattern;

/**
 * A column of {@link Rows}: a name and a DuckDB type ({@code VARCHAR}, {@code BIGINT}, {@code DOUBLE},
 * {@code DATE}, {@code TIMESTAMP}, {@code DECIMAL(10,2)}, {@code VARCHAR[]}, ...).
 */
public record Column(String name, String type) {

    /** Type names: words, digits, parentheses, commas, spaces and brackets; no quotes or statement ends. */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_ ,()\\[\\]]*");

    public Column {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A column needs a name, got " + (name == null ? "null" : "'" + name
                    + "'"));
        }
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("Column '" + name + "' has the type '" + type
                    + "', which is not a DuckDB type name (such as VARCHAR, BIGINT, DOUBLE, DATE, DECIMAL(10,2))");
        }
    }

    public static Column of(String name, String type) {
        return new Column(name, type);
    }

    public static Column varchar(String name) {
        return new Column(name, "VARCHAR");
    }

    public static Column bigint(String name) {
        return new Column(name, "BIGINT");
    }

    public static Column integer(String name) {
        return new Column(name, "INTEGER");
    }

    public static Column doublePrecision(String name) {
        return new Column(name, "DOUBLE");
    }

    public static Column bool(String name) {
        return new Column(name, "BOOLEAN");
    }

    public static Column date(String name) {
        return new Column(name, "DATE");
    }

    public static Column timestamp(String name) {
        return new Column(name, "TIMESTAMP");
    }
}
