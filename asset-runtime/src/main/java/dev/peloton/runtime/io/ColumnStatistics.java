package dev.peloton.runtime.io;

/**
 * Statistics of one column of one asset partition, for the UI.
 *
 * @param name           column name
 * @param type           DuckDB type
 * @param count          rows
 * @param nulls          rows where the column is NULL
 * @param min            smallest value as text, or null when every value is NULL
 * @param max            largest value as text, or null
 * @param approxDistinct approximate number of distinct values (HyperLogLog)
 */
public record ColumnStatistics(String name, String type, long count, long nulls, String min, String max,
        long approxDistinct) {
}
