package dev.peloton.tdf.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal RFC 4180 CSV: quoted fields, doubled quotes, commas and line breaks inside quotes.
 * Enough for the facts files and the generated tabs; no dependency for twenty lines of parsing.
 */
public final class Csv {

    private Csv() {
    }

    /** How lines end. A Google Sheet CSV export separates rows with CRLF and ends without a line break. */
    public enum Format {
        /** As {@code export?format=csv} gives it: CRLF between rows, no line break after the last row. */
        GOOGLE_SHEETS("\r\n", false),
        /** LF after every row, the last one included. */
        UNIX("\n", true);

        private final String lineSeparator;
        private final boolean finalLineBreak;

        Format(String lineSeparator, boolean finalLineBreak) {
            this.lineSeparator = lineSeparator;
            this.finalLineBreak = finalLineBreak;
        }
    }

    /**
     * A parsed CSV file: a header and rows of the same width.
     *
     * @param source what was read, for error messages
     */
    public record Table(String source, List<String> header, List<List<String>> rows) {

        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }

        /** Index of a column; fails naming the source and the columns it has. */
        public int column(String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException(source + ": no column '" + name + "' (columns: " + header + ")");
            }
            return i;
        }

        /** The rows as maps from column name to value, in file order. */
        public List<Map<String, String>> records() {
            List<Map<String, String>> out = new ArrayList<>(rows.size());
            for (List<String> row : rows) {
                Map<String, String> m = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    m.put(header.get(i), row.get(i));
                }
                out.add(m);
            }
            return out;
        }
    }

    /** Reads a whole CSV with a header row; rows must have the header's width. Accepts LF and CRLF. */
    public static Table read(String source, Reader in) {
        List<List<String>> all = parse(source, in);
        if (all.isEmpty()) {
            throw new IllegalArgumentException(source + ": empty CSV, expected a header row");
        }
        List<String> header = all.getFirst();
        List<List<String>> rows = new ArrayList<>(all.size() - 1);
        for (int i = 1; i < all.size(); i++) {
            List<String> row = all.get(i);
            if (row.size() == 1 && row.getFirst().isEmpty()) {
                continue; // blank line
            }
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(source + ": row " + (i + 1) + " has " + row.size()
                        + " fields, the header has " + header.size() + " " + header);
            }
            rows.add(row);
        }
        return new Table(source, header, rows);
    }

    private static List<List<String>> parse(String source, Reader reader) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        try (BufferedReader in = new BufferedReader(reader)) {
            int c;
            while ((c = in.read()) != -1) {
                if (quoted) {
                    if (c == '"') {
                        in.mark(1);
                        int next = in.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next != -1) {
                                in.reset();
                            }
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == '"') {
                    if (field.length() > 0) {
                        throw new IllegalArgumentException(source + ": line " + line + ": quote inside an unquoted field '"
                                + field + "'");
                    }
                    quoted = true;
                    fieldStarted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                    fieldStarted = false;
                } else if (c == '\r') {
                    // CRLF or a lone CR: the LF (if any) ends the row
                } else if (c == '\n') {
                    row.add(field.toString());
                    rows.add(row);
                    row = new ArrayList<>();
                    field.setLength(0);
                    fieldStarted = false;
                    line++;
                } else {
                    field.append((char) c);
                    fieldStarted = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read", e);
        }
        if (quoted) {
            throw new IllegalArgumentException(source + ": line " + line + ": unterminated quoted field");
        }
        if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /** Writes rows with minimal quoting (only fields holding a comma, a quote or a line break are quoted). */
    public static final class Writer implements AutoCloseable {
        private final java.io.Writer out;
        private final Format format;
        private boolean first = true;

        public Writer(java.io.Writer out, Format format) {
            this.out = out;
            this.format = format;
        }

        /** Writes one row; {@code null} is an empty cell. */
        public void row(Object... fields) {
            try {
                if (!first) {
                    out.write(format.lineSeparator);
                }
                first = false;
                for (int i = 0; i < fields.length; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    Object f = fields[i];
                    if (f != null) {
                        writeField(out, f.toString());
                    }
                }
                if (format.finalLineBreak) {
                    out.write(format.lineSeparator);
                    first = true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes one pre-formatted row (fields must already be CSV-safe). */
        void rawRow(CharSequence line) {
            try {
                if (!first) {
                    out.write(format.lineSeparator);
                }
                first = false;
                out.append(line);
                if (format.finalLineBreak) {
                    out.write(format.lineSeparator);
                    first = true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void writeField(java.io.Writer out, String s) throws IOException {
            boolean quote = false;
            for (int i = 0; i < s.length() && !quote; i++) {
                char c = s.charAt(i);
                quote = c == ',' || c == '"' || c == '\n' || c == '\r';
            }
            if (!quote) {
                out.write(s);
                return;
            }
            out.write('"');
            out.write(s.replace("\"", "\"\""));
            out.write('"');
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
