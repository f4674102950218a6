package dev.peloton.runtime.io;

import dev.peloton.core.AssetKey;
import dev.peloton.core.IOManager;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.TablePreview;
import dev.peloton.core.engine.graph.AssetDefinition;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The first rows and per-column statistics of one stored asset partition, for the UI. Works for assets stored by a
 * {@link QueryableIOManager} (the DuckDB and Parquet IO managers); the work runs inside DuckDB.
 */
public final class TablePreviewService {

    /** Most rows a preview returns, whatever is asked. */
    public static final int MAX_ROWS = 1_000;

    private final Map<String, ? extends IOManager> ioManagers;

    /** @param ioManagers the IO managers by name, as assets name them */
    public TablePreviewService(Map<String, ? extends IOManager> ioManagers) {
        this.ioManagers = Map.copyOf(ioManagers);
    }

    /** The first {@code limit} rows (at most {@value #MAX_ROWS}) of one partition ({@code ""} if unpartitioned). */
    public TablePreview preview(AssetDefinition asset, String partitionKey, int limit) {
        return preview(asset.ioManager(), asset.key(), asset.partitions(), partitionKey, limit);
    }

    public TablePreview preview(String ioManager, AssetKey asset, PartitionsDefinition partitions, String partitionKey,
            int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("A preview of asset '" + asset + "' needs a row limit of 0 or more, got "
                    + limit);
        }
        QueryableIOManager io = queryable(ioManager, asset);
        TableRef ref = io.tableRef(asset, partitions, List.of(partitionKey));
        try {
            return io.query(c -> {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT * FROM " + ref + " LIMIT " + Math.min(limit, MAX_ROWS))) {
                    ResultSetMetaData md = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        columns.add(md.getColumnLabel(i));
                    }
                    List<List<Object>> rows = new ArrayList<>();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(columns.size());
                        for (int i = 1; i <= columns.size(); i++) {
                            row.add(rs.getObject(i));
                        }
                        rows.add(row);
                    }
                    return new TablePreview(columns, rows);
                }
            });
        } catch (SQLException e) {
            throw new IOManagerException("Cannot preview asset '" + asset + "'" + words(partitionKey) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Statistics of every column of one partition ({@code ""} if unpartitioned), from DuckDB's SUMMARIZE. */
    public List<ColumnStatistics> statistics(AssetDefinition asset, String partitionKey) {
        return statistics(asset.ioManager(), asset.key(), asset.partitions(), partitionKey);
    }

    public List<ColumnStatistics> statistics(String ioManager, AssetKey asset, PartitionsDefinition partitions,
            String partitionKey) {
        QueryableIOManager io = queryable(ioManager, asset);
        TableRef ref = io.tableRef(asset, partitions, List.of(partitionKey));
        try {
            return io.query(c -> {
                List<String[]> summary = new ArrayList<>();
                Map<String, long[]> counts = new HashMap<>();
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SUMMARIZE SELECT * FROM " + ref)) {
                    while (rs.next()) {
                        summary.add(new String[] {rs.getString("column_name"), rs.getString("column_type"),
                                rs.getString("min"), rs.getString("max"), rs.getString("approx_unique")});
                    }
                }
                if (summary.isEmpty()) {
                    return List.of();
                }
                // SUMMARIZE gives nulls as a rounded percentage; count them exactly in one pass.
                StringBuilder sql = new StringBuilder("SELECT count(*)");
                for (String[] s : summary) {
                    sql.append(", count(*) - count(").append(SqlText.identifier(s[0])).append(')');
                }
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery(sql.append(" FROM ").append(ref).toString())) {
                    rs.next();
                    long total = rs.getLong(1);
                    for (int i = 0; i < summary.size(); i++) {
                        counts.put(summary.get(i)[0], new long[] {total, rs.getLong(i + 2)});
                    }
                }
                List<ColumnStatistics> out = new ArrayList<>(summary.size());
                for (String[] s : summary) {
                    long[] n = counts.get(s[0]);
                    out.add(new ColumnStatistics(s[0], s[1], n[0], n[1], s[2], s[3],
                            s[4] == null ? 0 : Long.parseLong(s[4])));
                }
                return List.copyOf(out);
            });
        } catch (SQLException e) {
            throw new IOManagerException("Cannot compute statistics of asset '" + asset + "'" + words(partitionKey)
                    + ": " + e.getMessage(), e);
        }
    }

    private QueryableIOManager queryable(String name, AssetKey asset) {
        IOManager io = ioManagers.get(name);
        if (io == null) {
            throw new IllegalArgumentException("Asset '" + asset + "' is stored by IO manager '" + name
                    + "', which is not registered (registered: " + new TreeSet<>(ioManagers.keySet()) + ")");
        }
        if (!(io instanceof QueryableIOManager q)) {
            throw new IllegalArgumentException("Asset '" + asset + "' is stored by IO manager '" + name + "' ("
                    + io.getClass().getSimpleName() + "), which cannot show previews: only the DuckDB and Parquet IO"
                    + " managers can");
        }
        return q;
    }

    private static String words(String partitionKey) {
        return partitionKey.isEmpty() ? "" : " partition '" + partitionKey + "'";
    }
}
