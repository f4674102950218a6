package dev.peloton.core;

import java.util.List;

/**
 * A few rows of a table, attached to a materialization as metadata.
 *
 * @param columns column names
 * @param rows    rows, each a list of values in column order
 */
public record TablePreview(List<String> columns, List<List<Object>> rows) {

    public TablePreview {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != columns.size()) {
                throw new IllegalArgumentException("Preview row " + i + " has " + rows.get(i).size()
                        + " values for " + columns.size() + " columns");
            }
        }
    }
}
