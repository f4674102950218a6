package dev.peloton.core;

/**
 * Stores and loads asset values: a DuckDB table, Parquet files, a value in memory. One IO manager serves
 * many assets; {@link Asset#ioManager()} picks it by name.
 */
public interface IOManager {

    /** Stores the value an asset step produced for the partitions of {@code context}. */
    void store(OutputContext context, Object value) throws Exception;

    /** Loads the value of an upstream asset for the partitions of {@code context}, as {@code context.type()}. */
    Object load(InputContext context) throws Exception;

    /**
     * Whether this IO manager can load a value as {@code type}; checked when the asset graph is validated,
     * so that a parameter of a type it cannot produce is reported before anything runs.
     */
    default boolean canLoad(Class<?> type) {
        return true;
    }

    /**
     * Metadata about the value just stored for {@code context} ({@code row_count}, a table name, a path...), which
     * the executor attaches to the materializations of that store. Called once after each successful
     * {@link #store}; entries the asset added itself win over these. A failure here is logged, never fails the
     * step. None by default.
     */
    default java.util.Map<String, Object> describeStored(OutputContext context) throws Exception {
        return java.util.Map.of();
    }
}
