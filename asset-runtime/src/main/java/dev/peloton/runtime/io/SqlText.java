package dev.peloton.runtime.io;

import java.util.Collection;

/** Quoting for SQL text built from names and keys: never concatenate an unquoted name or value. */
public final class SqlText {

    private SqlText() {
    }

    /** A double-quoted identifier. */
    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A single-quoted string literal. */
    public static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    /** {@code column IN ('a', 'b')}, or {@code column = 'a'} for one value. */
    public static String in(String column, Collection<String> values) {
        if (values.isEmpty()) {
            return "false";
        }
        StringBuilder sb = new StringBuilder(identifier(column));
        if (values.size() == 1) {
            return sb.append(" = ").append(literal(values.iterator().next())).toString();
        }
        sb.append(" IN (");
        boolean first = true;
        for (String v : values) {
            sb.append(first ? "" : ", ").append(literal(v));
            first = false;
        }
        return sb.append(')').toString();
    }

    /** A DuckDB list literal of strings: {@code ['a', 'b']}. */
    public static String list(Collection<String> values) {
        StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        for (String v : values) {
            sb.append(first ? "" : ", ").append(literal(v));
            first = false;
        }
        return sb.append(']').toString();
    }
}
