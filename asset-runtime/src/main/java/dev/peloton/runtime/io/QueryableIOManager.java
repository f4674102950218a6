package dev.peloton.runtime.io;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionsDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An IO manager whose stored values DuckDB can query: the DuckDB and Parquet IO managers. Used by
 * {@link TablePreviewService} for previews and statistics, and by code that wants to query stored assets.
 */
public interface QueryableIOManager {

    /** Work done on a connection borrowed from the IO manager; the connection must not escape it. */
    @FunctionalInterface
    interface ConnectionCallback<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** A reference to the stored partitions of {@code asset}; an error naming what is missing if any is not stored. */
    TableRef tableRef(AssetKey asset, PartitionsDefinition partitions, List<String> partitionKeys);

    /** Runs {@code work} on a connection in which this IO manager's {@link TableRef}s are valid. */
    <T> T query(ConnectionCallback<T> work) throws SQLException;
}
