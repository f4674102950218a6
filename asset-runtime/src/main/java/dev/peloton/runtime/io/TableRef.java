package dev.peloton.runtime.io;

import dev.peloton.core.AssetKey;
import java.util.List;

/**
 * What a parameter of an asset stored by a DuckDB-based IO manager receives: a relation usable in SQL, with the
 * partition filter already applied. {@link #toString()} is the SQL fragment, so
 * {@code "SELECT * FROM " + landingRace} works. The partition columns ({@code partition_key}, and one
 * {@code partition_<dimension>} per dimension of multi-dimensional partitions) are left out; use
 * {@link #withPartitionColumns()} to keep them, for example to tell apart the rows of the partitions of a window.
 *
 * <p>A reference is SQL text valid in the database of the IO manager that made it: a DuckDB table reference in the
 * DuckDB IO manager's SQL, a {@code read_parquet(...)} reference in any DuckDB connection of this machine.
 *
 * @param asset            the asset referred to
 * @param partitionKeys    the partitions read, in order ({@code [""]} for an unpartitioned asset)
 * @param relation         the whole stored relation: a qualified table name or a {@code read_parquet([...])} call
 * @param filter           a SQL condition selecting the partitions read, or empty for all rows of {@code relation}
 * @param partitionColumns the partition columns the relation has (empty for an unpartitioned asset)
 */
public record TableRef(AssetKey asset, List<String> partitionKeys, String relation, String filter,
        List<String> partitionColumns) {

    public TableRef {
        partitionKeys = List.copyOf(partitionKeys);
        partitionColumns = List.copyOf(partitionColumns);
        if (relation == null || relation.isBlank()) {
            throw new IllegalArgumentException("A table reference of asset '" + asset + "' needs a relation");
        }
        filter = filter == null ? "" : filter;
    }

    /** The relation including the partition columns, as a subquery when filtered. */
    public String withPartitionColumns() {
        return filter.isEmpty() ? relation : "(SELECT * FROM " + relation + " WHERE " + filter + ")";
    }

    /** The SQL fragment: the relation without partition columns, filtered to the partitions read. */
    @Override
    public String toString() {
        if (partitionColumns.isEmpty() && filter.isEmpty()) {
            return relation;
        }
        StringBuilder sb = new StringBuilder("(SELECT * ");
        if (!partitionColumns.isEmpty()) {
            sb.append("EXCLUDE (");
            for (int i = 0; i < partitionColumns.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(SqlText.identifier(partitionColumns.get(i)));
            }
            sb.append(") ");
        }
        sb.append("FROM ").append(relation);
        if (!filter.isEmpty()) {
            sb.append(" WHERE ").append(filter);
        }
        return sb.append(')').toString();
    }
}
