package dev.peloton.runtime.io.duckdb;

import dev.peloton.runtime.io.Column;
import dev.peloton.runtime.io.SqlText;
import java.util.List;

/**
 * A value written to a temporary table of one connection, checked and ready to be stored.
 *
 * @param table   the temporary table
 * @param columns the columns of {@link #select()}, in order: the value's columns, then the partition columns
 * @param select  the query that reads the staged rows in their stored shape (partition columns included)
 * @param rows    the number of rows
 */
public record StagedValue(String table, List<Column> columns, String select, long rows) {

    public StagedValue {
        columns = List.copyOf(columns);
    }

    /** {@code select} restricted to one partition. */
    public String selectPartition(String partitionKey) {
        return "SELECT * FROM (" + select + ") WHERE " + SqlText.identifier(PartitionColumns.KEY) + " = "
                + SqlText.literal(partitionKey);
    }
}
