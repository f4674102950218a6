package dev.peloton.tdf.source;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the records of an RFC 4180 CSV one at a time: quoted fields, doubled quotes, commas and line breaks inside
 * quotes, LF or CRLF line ends. Each record knows the line it starts on, so a bad value can be reported as
 * "file, line, column" even when an earlier field spans several lines.
 */
public final class CsvRecordReader implements AutoCloseable {

    /**
     * One record.
     *
     * @param line   the 1-based line the record starts on
     * @param fields the fields, unquoted
     */
    public record CsvRecord(long line, List<String> fields) {
        public CsvRecord {
            fields = List.copyOf(fields);
        }

        /** Whether the record is an empty line. */
        public boolean isBlank() {
            return fields.size() == 1 && fields.getFirst().isEmpty();
        }
    }

    private static final int BUFFER = 1 << 14;

    private final String source;
    private final Reader in;
    private final char[] buf = new char[BUFFER];
    private int pos;
    private int len;
    private long line = 1;
    private boolean eof;

    /**
     * @param source what is read (a file or URL), for error messages
     * @param in     the characters; closed by {@link #close()}
     */
    public CsvRecordReader(String source, Reader in) {
        this.source = source;
        this.in = in;
    }

    /** The next record, or null at the end of the input. */
    public CsvRecord next() {
        if (eof && pos >= len) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false; // a quoted field ended: only a separator may follow
        boolean any = false;
        int c;
        while ((c = read()) != -1) {
            any = true;
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                fields.add(field.toString());
                return new CsvRecord(start, fields);
            } else if (afterQuote) {
                throw new IllegalArgumentException(source + ": line " + line + ", field " + (fields.size() + 1)
                        + ": unexpected '" + (char) c + "' after a closing quote");
            } else if (c == '"') {
                if (field.length() > 0) {
                    throw new IllegalArgumentException(source + ": line " + line + ", field " + (fields.size() + 1)
                            + ": quote inside an unquoted field '" + field + "'");
                }
                quoted = true;
            } else {
                field.append((char) c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(source + ": line " + start + ": quoted field never closed before the end");
        }
        if (!any) {
            return null;
        }
        fields.add(field.toString());
        return new CsvRecord(start, fields);
    }

    private int read() {
        if (pos >= len && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private int peek() {
        if (pos >= len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                eof = true;
                return false;
            }
            pos = 0;
            len = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read at line " + line, e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot close", e);
        }
    }
}
