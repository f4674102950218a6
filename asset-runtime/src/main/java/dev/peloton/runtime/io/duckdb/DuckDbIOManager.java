package dev.peloton.runtime.io.duckdb;

import dev.peloton.core.AssetKey;
import dev.peloton.core.IOManager;
import dev.peloton.core.InputContext;
import dev.peloton.core.OutputContext;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.TablePreview;
import dev.peloton.runtime.io.Column;
import dev.peloton.runtime.io.IOManagerException;
import dev.peloton.runtime.io.QueryableIOManager;
import dev.peloton.runtime.io.ResultSetPreview;
import dev.peloton.runtime.io.SqlText;
import dev.peloton.runtime.io.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/**
 * Stores asset values as tables of one DuckDB database file. Asset {@code landing/race} is table
 * {@code landing.race} (schema = first key segment, table = the other segments joined by {@code __}; a one-segment
 * key goes to schema {@code main}).
 *
 * <p>Stores {@link dev.peloton.runtime.io.Sql} (run inside DuckDB) and {@link dev.peloton.runtime.io.Rows} (written
 * through the appender). A partitioned asset's table has a {@code partition_key} column (plus
 * {@code partition_<dimension>} columns for multi-dimensional partitions); storing partitions replaces exactly
 * their rows, in one transaction. An unpartitioned asset's table is replaced whole. Columns a new value adds are
 * added to the table (older partitions get NULL). The value is staged first, so a failing query leaves the stored
 * data untouched.
 *
 * <p>Loads as {@link TableRef} (the rows stay in DuckDB), {@code List<Map<String, Object>>} (small results),
 * or {@code long} (row count). Which partitions are stored, with their row counts, is kept in
 * {@code _peloton.partitions} in the same file.
 *
 * <p>DuckDB allows one writing process per file: a cluster of Peloton nodes should use the Parquet IO manager.
 * Within this process, each thread works on its own duplicate of one connection, and the short final write of
 * each store (delete, insert from the staged value, bookkeeping) is serialized.
 */
public final class DuckDbIOManager implements IOManager, QueryableIOManager, AutoCloseable {

    static final String META_SCHEMA = "_peloton";
    /**
     * The name the file is attached under. Opened directly, DuckDB would name its catalog after the file, and a
     * schema of the same name ({@code warehouse.duckdb} and assets {@code warehouse/...}) would make every
     * {@code warehouse.table} ambiguous.
     */
    static final String CATALOG = "peloton_warehouse";
    private static final String META_TABLE = META_SCHEMA + ".partitions";
    public static final int DEFAULT_MAX_LIST_ROWS = 100_000;
    /** Rows of the {@code preview} metadata of each store. */
    public static final int PREVIEW_ROWS = 5;

    private final Path file;
    private final int maxListRows;
    private final Map<String, String> settings;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final LazyConnectionPool pool;

    public DuckDbIOManager(Path file) {
        this(file, DEFAULT_MAX_LIST_ROWS);
    }

    /**
     * @param file        the database file; created with its directory on first use
     * @param maxListRows most rows loaded into a {@code List}; more is an error that suggests {@link TableRef}
     */
    public DuckDbIOManager(Path file, int maxListRows) {
        this(file, maxListRows, Map.of());
    }

    /**
     * @param settings DuckDB settings applied with {@code SET GLOBAL name = 'value'} when the file is opened (threads,
     *                 memory_limit, temp_directory, ...); a name must be a plain identifier
     */
    public DuckDbIOManager(Path file, int maxListRows, Map<String, String> settings) {
        if (maxListRows < 1) {
            throw new IllegalArgumentException("maxListRows must be at least 1, got " + maxListRows);
        }
        for (String name : settings.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("DuckDB setting '" + name + "' is not a setting name (letters,"
                        + " digits and _): set it as peloton.duckdb.settings.<name>=<value>, e.g."
                        + " peloton.duckdb.settings.threads=2");
            }
        }
        this.file = file.toAbsolutePath().normalize();
        this.settings = new java.util.TreeMap<>(settings);
        this.pool = new LazyConnectionPool("The DuckDB IO manager of " + this.file, this::open);
        this.maxListRows = maxListRows;
    }

    public Path file() {
        return file;
    }

    /** The table that stores {@code asset}, as a qualified, quoted SQL name. */
    public static String tableName(AssetKey asset) {
        List<String> path = asset.path();
        if (path.size() == 1) {
            return SqlText.identifier("main") + "." + SqlText.identifier(path.get(0));
        }
        return SqlText.identifier(path.get(0)) + "." + SqlText.identifier(String.join("__", path.subList(1, path.size())));
    }

    private static String schemaOf(AssetKey asset) {
        return asset.path().size() == 1 ? "main" : asset.path().get(0);
    }

    private static String bareTableOf(AssetKey asset) {
        List<String> path = asset.path();
        return path.size() == 1 ? path.get(0) : String.join("__", path.subList(1, path.size()));
    }

    @Override
    public void store(OutputContext context, Object value) {
        AssetKey asset = context.asset();
        if (schemaOf(asset).equalsIgnoreCase(META_SCHEMA)) {
            throw new IOManagerException("Asset '" + asset + "' cannot be stored by the DuckDB IO manager: schema '"
                    + META_SCHEMA + "' (its first key segment) is where the IO manager keeps its own bookkeeping");
        }
        try {
            DuckDBConnection c = pool.get().borrow();
            try {
                StagedValue staged = Staging.stage(c, context, value);
                try {
                    writeLock.lock();
                    try {
                        write(c, context, staged);
                    } finally {
                        writeLock.unlock();
                    }
                } finally {
                    Staging.drop(c, staged.table());
                }
            } finally {
                pool.get().release(c);
            }
        } catch (IOManagerException e) {
            throw e;
        } catch (Exception e) {
            throw new IOManagerException("DuckDB IO manager could not store asset '" + asset + "'"
                    + partitionWords(context.partitions(), context.partitionKeys()) + " in table " + tableName(asset)
                    + " of " + file + ": " + message(e), e);
        }
    }

    private void write(DuckDBConnection c, OutputContext context, StagedValue staged) throws SQLException {
        AssetKey asset = context.asset();
        String table = tableName(asset);
        boolean partitioned = context.partitions().isPartitioned();
        c.setAutoCommit(false);
        try {
            Staging.execute(c, "CREATE SCHEMA IF NOT EXISTS " + SqlText.identifier(schemaOf(asset)));
            List<Column> existing = existingColumns(c, asset);
            if (!partitioned || existing.isEmpty()) {
                Staging.execute(c, "CREATE OR REPLACE TABLE " + table + " AS " + staged.select());
            } else {
                if (!Staging.has(existing, PartitionColumns.KEY)) {
                    throw new IOManagerException("Table " + table + " has no '" + PartitionColumns.KEY
                            + "' column: it was stored while asset '" + asset + "' was unpartitioned. Drop the table"
                            + " (DROP TABLE " + table + ") and materialize the asset's partitions again");
                }
                for (Column column : staged.columns()) {
                    if (!Staging.has(existing, column.name())) {
                        Staging.execute(c, "ALTER TABLE " + table + " ADD COLUMN " + SqlText.identifier(column.name())
                                + " " + column.type());
                    }
                }
                Staging.execute(c, "DELETE FROM " + table + " WHERE "
                        + SqlText.in(PartitionColumns.KEY, context.partitionKeys()));
                Staging.execute(c, "INSERT INTO " + table + " BY NAME " + staged.select());
            }
            recordPartitions(c, context, staged);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void recordPartitions(DuckDBConnection c, OutputContext context, StagedValue staged) throws SQLException {
        String asset = SqlText.literal(context.asset().toString());
        List<String> keys = context.partitionKeys();
        Staging.execute(c, "DELETE FROM " + META_TABLE + " WHERE asset = " + asset + " AND "
                + SqlText.in("partition_key", keys));
        String counts = context.partitions().isPartitioned()
                ? "(SELECT " + SqlText.identifier(PartitionColumns.KEY) + " AS k, count(*) AS n FROM temp.main."
                        + staged.table() + " GROUP BY ALL)"
                : "(SELECT '' AS k, count(*) AS n FROM temp.main." + staged.table() + ")";
        Staging.execute(c, "INSERT INTO " + META_TABLE + " (asset, partition_key, row_count, run_id, stored_at)"
                + " SELECT " + asset + ", u.k, coalesce(c.n, 0), " + SqlText.literal(String.valueOf(context.runId()))
                + ", now() FROM unnest(" + SqlText.list(keys) + ") AS u(k) LEFT JOIN " + counts + " AS c ON c.k = u.k");
    }

    private static List<Column> existingColumns(DuckDBConnection c, AssetKey asset) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_catalog = '" + CATALOG + "' AND table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, schemaOf(asset));
            ps.setString(2, bareTableOf(asset));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), "VARCHAR"));
                }
            }
        }
        return columns;
    }

    @Override
    public Object load(InputContext context) throws SQLException {
        Class<?> type = context.type() == null ? Object.class : context.type();
        if (!canLoad(type)) {
            throw new IOManagerException("DuckDB IO manager cannot load asset '" + context.asset() + "' as "
                    + type.getName() + " for asset '" + context.downstream() + "': declare the parameter as TableRef,"
                    + " List<Map<String, Object>> or long");
        }
        TableRef ref = tableRef(context.asset(), context.partitions(), context.partitionKeys(), context.downstream());
        if (type == long.class || type == Long.class) {
            return storedRows(context.asset(), context.partitionKeys());
        }
        if (type.isAssignableFrom(List.class) && type != Object.class) {
            return query(c -> Queries.rows(c, "SELECT * FROM " + ref, maxListRows, max -> new IOManagerException(
                    "Asset '" + context.downstream() + "' loads asset '" + context.asset() + "'"
                            + partitionWords(context.partitions(), context.partitionKeys()) + " as a List, but it has"
                            + " more than " + max + " rows: declare the parameter as TableRef and let DuckDB do the"
                            + " work")));
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
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("row_count", storedRows(context.asset(), context.partitionKeys()));
        metadata.put("table", tableName(context.asset()).replace("\"", ""));
        metadata.put("preview", preview(context));
        return metadata;
    }

    /**
     * The first rows of what was just stored: read back from the table (a short scan), so an asset needs no second
     * run of its query to report a preview. An asset's own {@code preview} metadata wins over this one.
     */
    private TablePreview preview(OutputContext context) throws SQLException {
        TableRef ref = tableRef(context.asset(), context.partitions(), context.partitionKeys(), null);
        return query(c -> {
            try (java.sql.Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT * FROM " + ref + " LIMIT " + PREVIEW_ROWS)) {
                return ResultSetPreview.of(rs, PREVIEW_ROWS);
            }
        });
    }


    @Override
    public TableRef tableRef(AssetKey asset, PartitionsDefinition partitions, List<String> partitionKeys) {
        return tableRef(asset, partitions, partitionKeys, null);
    }

    private TableRef tableRef(AssetKey asset, PartitionsDefinition partitions, List<String> keys, AssetKey reader) {
        PartitionColumns partitionColumns = PartitionColumns.of(partitions);
        try {
            long[] stored = query(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + META_TABLE
                        + " WHERE asset = ? AND " + SqlText.in("partition_key", keys))) {
                    ps.setString(1, asset.toString());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return new long[] {rs.getLong(1)};
                    }
                }
            });
            if (stored[0] < keys.size()) {
                throw missing(asset, partitions, keys, reader);
            }
            // Always filter: leaving the filter out when every stored partition is read would be wrong as soon as
            // another thread stores a further partition before the reference is used.
            String filter = partitionColumns.partitioned() ? SqlText.in(PartitionColumns.KEY, keys) : "";
            return new TableRef(asset, keys, tableName(asset), filter, partitionColumns.names());
        } catch (SQLException e) {
            throw new IOManagerException("DuckDB IO manager could not look up the stored partitions of asset '" + asset
                    + "' in " + file + ": " + message(e), e);
        }
    }

    private IOManagerException missing(AssetKey asset, PartitionsDefinition partitions, List<String> keys,
            AssetKey reader) throws SQLException {
        Set<String> present = query(c -> {
            Set<String> found = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT partition_key FROM " + META_TABLE
                    + " WHERE asset = ? AND " + SqlText.in("partition_key", keys))) {
                ps.setString(1, asset.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
            return found;
        });
        List<String> absent = keys.stream().filter(k -> !present.contains(k)).toList();
        String what = partitions.isPartitioned()
                ? absent.size() + " of the " + keys.size() + " partitions read are not stored: "
                        + Staging.describeKeys(absent)
                : "it was never stored";
        return new IOManagerException("DuckDB IO manager has no data of asset '" + asset + "'"
                + (reader == null ? "" : " for asset '" + reader + "'") + " in " + file + ": " + what
                + "; materialize it first");
    }

    private long storedRows(AssetKey asset, List<String> keys) throws SQLException {
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(row_count), 0) FROM " + META_TABLE
                    + " WHERE asset = ? AND " + SqlText.in("partition_key", keys))) {
                ps.setString(1, asset.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public <T> T query(ConnectionCallback<T> work) throws SQLException {
        return pool.query(work);
    }

    /** Attaches the file; called on first use, so a node that never runs a DuckDB asset never locks it. */
    private ConnectionPool open() throws SQLException {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new SQLException("Cannot create the directory of the DuckDB file " + file + ": " + e, e);
        }
        DuckDBConnection root;
        try {
            root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            Staging.execute(root, "ATTACH " + SqlText.literal(file.toString()) + " AS " + CATALOG);
            Staging.execute(root, "USE " + CATALOG);
        } catch (SQLException e) {
            throw new SQLException("Cannot open the DuckDB file " + file + " (DuckDB allows one process per"
                    + " file: is another Peloton node or a DuckDB shell using it?): " + message(e), e);
        }
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            try {
                Staging.execute(root, "SET GLOBAL " + setting.getKey() + " = " + SqlText.literal(setting.getValue()));
            } catch (SQLException e) {
                root.close();
                throw new SQLException("Cannot apply DuckDB setting peloton.duckdb.settings." + setting.getKey() + "="
                        + setting.getValue() + ": " + message(e), e);
            }
        }
        Staging.execute(root, "CREATE SCHEMA IF NOT EXISTS " + META_SCHEMA);
        Staging.execute(root, "CREATE TABLE IF NOT EXISTS " + META_TABLE + " (asset VARCHAR NOT NULL,"
                + " partition_key VARCHAR NOT NULL, row_count BIGINT NOT NULL, run_id VARCHAR,"
                + " stored_at TIMESTAMP WITH TIME ZONE)");
        return new ConnectionPool(root, Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
                "USE " + CATALOG);
    }

    @Override
    public void close() {
        pool.close();
    }

    static String partitionWords(PartitionsDefinition partitions, List<String> keys) {
        if (partitions == null || !partitions.isPartitioned()) {
            return "";
        }
        if (keys.size() == 1) {
            return " partition '" + keys.get(0) + "'";
        }
        return " partitions " + Staging.describeKeys(keys);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }
}
