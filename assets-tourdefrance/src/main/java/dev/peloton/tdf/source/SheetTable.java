package dev.peloton.tdf.source;

import java.util.ArrayList;
import java.util.List;

/**
 * One tab of a Google Sheet: a header row and rows padded to the header's width.
 *
 * @param tab    the tab's name (or its gid when read by gid), for error messages
 * @param url    where it was read from, without secrets
 * @param header the first row
 * @param rows   the other rows, each exactly as wide as the header
 */
public record SheetTable(String tab, String url, List<String> header, List<List<String>> rows) {

    public SheetTable {
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            copy.add(List.copyOf(r));
        }
        rows = List.copyOf(copy);
    }

    /** The index of a column; a {@link SheetSourceException} naming the tab, URL, column and the columns there. */
    public int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new SheetSourceException(tab, url, name, "tab '" + tab + "' (" + url + ") has no column '" + name
                    + "'; its columns are " + header);
        }
        return i;
    }

    /** Checks that all these columns are there, naming every missing one at once. */
    public SheetTable require(List<String> columns) {
        List<String> missing = columns.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new SheetSourceException(tab, url, missing.getFirst(), "tab '" + tab + "' (" + url
                    + ") lacks column" + (missing.size() > 1 ? "s " : " ") + missing + "; its columns are " + header);
        }
        return this;
    }

    /** The values of one column, in row order. */
    public List<String> values(String column) {
        int i = column(column);
        return rows.stream().map(r -> r.get(i)).toList();
    }

    /** A cell: row index (0 = first row after the header) and column name. */
    public String get(int row, String column) {
        return rows.get(row).get(column(column));
    }
}
