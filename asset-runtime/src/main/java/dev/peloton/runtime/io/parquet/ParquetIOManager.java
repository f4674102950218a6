package dev.peloton.runtime.io.parquet;

import dev.peloton.core.AssetKey;
import dev.peloton.core.IOManager;
import dev.peloton.core.InputContext;
import dev.peloton.core.OutputContext;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.runtime.io.IOManagerException;
import dev.peloton.runtime.io.QueryableIOManager;
import dev.peloton.runtime.io.SqlText;
import dev.peloton.runtime.io.TableRef;
import dev.peloton.runtime.io.duckdb.ConnectionPool;
import dev.peloton.runtime.io.duckdb.PartitionColumns;
import dev.peloton.runtime.io.duckdb.Queries;
import dev.peloton.runtime.io.duckdb.StagedValue;
import dev.peloton.runtime.io.duckdb.Staging;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBConnection;

/**
 * Stores asset values as Parquet files under one root directory: one file per asset partition at
 * {@code <root>/<key path>/<partition key>.parquet} ({@code data.parquet} for an unpartitioned asset; partition keys
 * are encoded by {@link PartitionFileNames}). Files are written by DuckDB ({@code COPY ... TO ... (FORMAT PARQUET)})
 * from an in-memory database, to a temporary file that is then moved into place, so a reader sees the old file or
 * the new one, never half of one. Files hold the same partition columns as the DuckDB IO manager's tables.
 *
 * <p>Stores {@link dev.peloton.runtime.io.Sql} and {@link dev.peloton.runtime.io.Rows}; loads as
 * {@link TableRef} over {@code read_parquet([...])}, {@code List<Map<String, Object>>} or {@code long}. A
 * {@code TableRef} of this IO manager works in any DuckDB connection of the machine, including the SQL of an asset
 * stored by the DuckDB IO manager.
 *
 * <p>Many processes can write under one root (each asset partition is one file), so this is the IO manager for
 * a cluster of Peloton nodes sharing a file system.
 */
public final class ParquetIOManager implements IOManager, QueryableIOManager, AutoCloseable {

    private final Path root;
    private final int maxListRows;
    private volatile ConnectionPool pool;
    private volatile boolean closed;

    public ParquetIOManager(Path root) {
        this(root, 100_000);
    }

    /**
     * @param root        the lake directory; created on first store
     * @param maxListRows most rows loaded into a {@code List}
     */
    public ParquetIOManager(Path root, int maxListRows) {
        if (maxListRows < 1) {
            throw new IllegalArgumentException("maxListRows must be at least 1, got " + maxListRows);
        }
        this.root = root.toAbsolutePath().normalize();
        this.maxListRows = maxListRows;
    }

    public Path root() {
        return root;
    }

    /** The file of one asset partition ({@code ""} for an unpartitioned asset). */
    public Path file(AssetKey asset, String partitionKey) {
        Path dir = root;
        for (String segment : asset.path()) {
            dir = dir.resolve(segment);
        }
        Path file = dir.resolve(PartitionFileNames.encode(partitionKey) + ".parquet").normalize();
        if (!file.startsWith(root)) {
            // Unreachable with valid asset keys and encoded names; kept as the last guard of the lake's boundary.
            throw new IllegalArgumentException("The file of asset '" + asset + "' partition '" + partitionKey
                    + "' would be outside " + root);
        }
        return file;
    }

    @Override
    public void store(OutputContext context, Object value) {
        AssetKey asset = context.asset();
        List<String> keys = context.partitionKeys();
        List<Path> targets = new ArrayList<>(keys.size());
        List<Path> temps = new ArrayList<>(keys.size());
        try {
            for (String key : keys) {
                targets.add(file(asset, key));
            }
            DuckDBConnection c = pool().borrow();
            try {
                StagedValue staged = Staging.stage(c, context, value);
                try {
                    boolean partitioned = context.partitions().isPartitioned();
                    for (int i = 0; i < keys.size(); i++) {
                        Path target = targets.get(i);
                        Files.createDirectories(target.getParent());
                        Path temp = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
                        temps.add(temp);
                        String select = partitioned ? staged.selectPartition(keys.get(i)) : staged.select();
                        Staging.execute(c, "COPY (" + select + ") TO " + SqlText.literal(temp.toString())
                                + " (FORMAT PARQUET)");
                    }
                } finally {
                    Staging.drop(c, staged.table());
                }
            } finally {
                pool().release(c);
            }
            // Every file is written before any replaces its predecessor: a failure above changes nothing.
            for (int i = 0; i < temps.size(); i++) {
                move(temps.get(i), targets.get(i));
            }
        } catch (Exception e) {
            for (Path temp : temps) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IOManagerException("Parquet IO manager could not store asset '" + asset + "'"
                    + partitionWords(context.partitions(), keys) + " under " + root + ": " + message(e), e);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public Object load(InputContext context) throws SQLException {
        Class<?> type = context.type() == null ? Object.class : context.type();
        if (!canLoad(type)) {
            throw new IOManagerException("Parquet IO manager cannot load asset '" + context.asset() + "' as "
                    + type.getName() + " for asset '" + context.downstream() + "': declare the parameter as TableRef,"
                    + " List<Map<String, Object>> or long");
        }
        TableRef ref = tableRef(context.asset(), context.partitions(), context.partitionKeys(), context.downstream());
        if (type == long.class || type == Long.class) {
            return query(c -> Staging.queryLong((DuckDBConnection) c, "SELECT count(*) FROM " + ref.relation()));
        }
        if (type.isAssignableFrom(List.class) && type != Object.class) {
            return query(c -> Queries.rows(c, "SELECT * FROM " + ref, maxListRows, max -> new IOManagerException(
                    "Asset '" + context.downstream() + "' loads asset '" + context.asset() + "'"
                            + partitionWords(context.partitions(), context.partitionKeys()) + " as a List, but it has"
                            + " more than " + max + " rows: declare the parameter as TableRef")));
        }
        return ref;
    }

    @Override
    public boolean canLoad(Class<?> type) {
        return type == TableRef.class || type == Object.class || type == long.class || type == Long.class
                || type == List.class || type == Collection.class || type == Iterable.class;
    }

    @Override
    public Map<String, Object> describeStored(OutputContext context) throws SQLException {
        TableRef ref = tableRef(context.asset(), context.partitions(), context.partitionKeys(), null);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("row_count", query(c -> Staging.queryLong((DuckDBConnection) c,
                "SELECT count(*) FROM " + ref.relation())));
        metadata.put("path", context.partitionKeys().size() == 1
                ? file(context.asset(), context.partitionKeys().get(0)).toString()
                : file(context.asset(), context.partitionKeys().get(0)).getParent().toString());
        return metadata;
    }

    @Override
    public TableRef tableRef(AssetKey asset, PartitionsDefinition partitions, List<String> partitionKeys) {
        return tableRef(asset, partitions, partitionKeys, null);
    }

    private TableRef tableRef(AssetKey asset, PartitionsDefinition partitions, List<String> keys, AssetKey reader) {
        List<String> paths = new ArrayList<>(keys.size());
        for (String key : keys) {
            Path file = file(asset, key);
            if (!Files.isRegularFile(file)) {
                throw new IOManagerException("Parquet IO manager has no file for asset '" + asset + "'"
                        + (key.isEmpty() ? "" : " partition '" + key + "'")
                        + (reader == null ? "" : " (read by asset '" + reader + "')") + ": " + file
                        + " does not exist; materialize it first");
            }
            paths.add(file.toString());
        }
        String relation = "read_parquet(" + SqlText.list(paths) + ")";
        return new TableRef(asset, keys, relation, "", PartitionColumns.of(partitions).names());
    }

    @Override
    public <T> T query(ConnectionCallback<T> work) throws SQLException {
        ConnectionPool p = pool();
        DuckDBConnection c = p.borrow();
        try {
            return work.apply(c);
        } finally {
            p.release(c);
        }
    }

    private ConnectionPool pool() throws SQLException {
        ConnectionPool p = pool;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (closed) {
                throw new SQLException("The Parquet IO manager of " + root + " is closed");
            }
            if (pool == null) {
                DuckDBConnection memory = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
                pool = new ConnectionPool(memory, Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
            }
            return pool;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    private static String partitionWords(PartitionsDefinition partitions, List<String> keys) {
        if (partitions == null || !partitions.isPartitioned()) {
            return "";
        }
        return keys.size() == 1 ? " partition '" + keys.get(0) + "'" : " partitions " + Staging.describeKeys(keys);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }
}
