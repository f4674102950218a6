package dev.peloton.tdf.automation;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A sensor cursor that remembers one value per key (a hash per stage file, a fingerprint per race day), stored as
 * text: one {@code key<TAB>value} line per entry, sorted by key, so it reads well in the UI's tick history.
 * Backslash, tab and line breaks inside keys and values are escaped, so any value round-trips.
 *
 * @param entries the values by key
 */
public record CursorMap(SortedMap<String, String> entries) {

    public CursorMap {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    public static CursorMap empty() {
        return new CursorMap(new TreeMap<>());
    }

    public static CursorMap of(Map<String, String> entries) {
        return new CursorMap(new TreeMap<>(entries));
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return entries.get(key);
    }

    /** The cursor text. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        entries.forEach((k, v) -> {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            escape(k, out).append('\t');
            escape(v, out);
        });
        return out.toString();
    }

    /**
     * Reads a cursor written by {@link #encode()}; null is the empty cursor.
     *
     * @throws IllegalArgumentException naming the line when the text was not written by {@link #encode()}
     */
    public static CursorMap decode(String text) {
        TreeMap<String, String> out = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return new CursorMap(out);
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int tab = line.indexOf('\t');
            if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
                throw new IllegalArgumentException("sensor cursor line " + (i + 1) + " '" + line
                        + "' is not 'key<TAB>value'");
            }
            out.put(unescape(line.substring(0, tab), i + 1), unescape(line.substring(tab + 1), i + 1));
        }
        return new CursorMap(out);
    }

    private static StringBuilder escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }

    private static String unescape(String s, int line) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 == s.length()) {
                throw new IllegalArgumentException("sensor cursor line " + line + " ends in a lone backslash");
            }
            char e = s.charAt(++i);
            switch (e) {
                case '\\' -> out.append('\\');
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> throw new IllegalArgumentException("sensor cursor line " + line + ": unknown escape '\\"
                        + e + "'");
            }
        }
        return out.toString();
    }
}
