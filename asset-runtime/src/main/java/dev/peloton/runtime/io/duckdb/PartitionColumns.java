package dev.peloton.runtime.io.duckdb;

import dev.peloton.core.MultiPartitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.runtime.io.SqlText;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns that say which partition a stored row belongs to: {@code partition_key} for a partitioned asset, and
 * for multi-dimensional partitions one {@code partition_<dimension>} column per dimension, derived from the key.
 *
 * @param names       all partition column names, {@code partition_key} first; empty when unpartitioned
 * @param dimensions  the dimension column names
 * @param expressions for each dimension column, the SQL expression computing it from {@code partition_key}
 */
public record PartitionColumns(List<String> names, List<String> dimensions, List<String> expressions) {

    public static final String KEY = "partition_key";

    public static PartitionColumns of(PartitionsDefinition partitions) {
        if (partitions == null || !partitions.isPartitioned()) {
            return new PartitionColumns(List.of(), List.of(), List.of());
        }
        List<String> names = new ArrayList<>(List.of(KEY));
        List<String> dimensions = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        if (partitions instanceof MultiPartitions multi) {
            List<String> dims = multi.dimensionNames();
            for (int i = 0; i < dims.size(); i++) {
                String column = "partition_" + dims.get(i);
                names.add(column);
                dimensions.add(column);
                expressions.add("split_part(" + SqlText.identifier(KEY) + ", "
                        + SqlText.literal(String.valueOf(MultiPartitions.SEPARATOR)) + ", " + (i + 1) + ")");
            }
        }
        return new PartitionColumns(List.copyOf(names), List.copyOf(dimensions), List.copyOf(expressions));
    }

    public boolean partitioned() {
        return !names.isEmpty();
    }
}
