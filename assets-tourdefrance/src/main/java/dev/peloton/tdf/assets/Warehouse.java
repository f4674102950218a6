package dev.peloton.tdf.assets;

import dev.peloton.core.TablePreview;
import dev.peloton.runtime.io.ResultSetPreview;
import dev.peloton.runtime.io.Sql;
import dev.peloton.runtime.io.duckdb.DuckDbIOManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Small queries on the DuckDB warehouse that assets and checks run besides their main query: counts for metadata
 * and checks, and previews of the rows an asset produces.
 */
@Component
public class Warehouse {

    /** Rows in a materialization's preview. */
    public static final int PREVIEW_ROWS = 5;

    private final DuckDbIOManager duckdb;

    public Warehouse(DuckDbIOManager duckdb) {
        this.duckdb = duckdb;
    }

    /** The first row of a query, as longs (for counts). */
    public long[] longs(String select) {
        try {
            return duckdb.query(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(select)) {
                    int n = rs.getMetaData().getColumnCount();
                    long[] out = new long[n];
                    if (rs.next()) {
                        for (int i = 0; i < n; i++) {
                            out[i] = rs.getLong(i + 1);
                        }
                    }
                    return out;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Warehouse query failed: " + e.getMessage() + "\n" + select, e);
        }
    }

    /** The rows of a small query, values as numbers, booleans or text. */
    public List<java.util.Map<String, Object>> rows(String select) {
        try {
            return duckdb.query(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(select)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<java.util.Map<String, Object>> out = new ArrayList<>();
                    while (rs.next()) {
                        java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.put(meta.getColumnLabel(i), ResultSetPreview.plain(rs.getObject(i)));
                        }
                        out.add(row);
                    }
                    return out;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Warehouse query failed: " + e.getMessage() + "\n" + select, e);
        }
    }

    /** The table an asset is stored in. */
    public static String table(String assetKey) {
        return DuckDbIOManager.tableName(dev.peloton.core.AssetKey.parse(assetKey));
    }

    /** The first rows of a query, values as numbers, booleans or text. */
    public TablePreview preview(Sql sql) {
        return preview(sql.select(), PREVIEW_ROWS);
    }

    public TablePreview preview(String select, int rows) {
        try {
            return duckdb.query(c -> {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT * FROM (" + select + ") AS p LIMIT " + rows)) {
                    return preview(rs, rows);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Warehouse preview failed: " + e.getMessage() + "\n" + select, e);
        }
    }

    /** Up to {@code max} rows of a result set as a preview; values kept to types every client can show. */
    static TablePreview preview(ResultSet rs, int max) throws SQLException {
        return ResultSetPreview.of(rs, max);
    }
}
