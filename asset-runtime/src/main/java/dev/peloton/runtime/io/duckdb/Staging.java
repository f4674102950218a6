package dev.peloton.runtime.io.duckdb;

import dev.peloton.core.OutputContext;
import dev.peloton.runtime.io.Column;
import dev.peloton.runtime.io.Rows;
import dev.peloton.runtime.io.Sql;
import dev.peloton.runtime.io.SqlText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes an asset's value ({@link Sql} or {@link Rows}) into a temporary table of one connection and checks it, so
 * that nothing stored changes before the value is complete: a failing query or row source leaves the stored data
 * as it was. Both the DuckDB and the Parquet IO manager store from a staged value.
 */
public final class Staging {

    private static final AtomicLong COUNTER = new AtomicLong();

    private Staging() {
    }

    /** Stages {@code value}; the caller drops the table ({@link #drop}) when done. */
    public static StagedValue stage(DuckDBConnection connection, OutputContext context, Object value)
            throws Exception {
        PartitionColumns partitionColumns = PartitionColumns.of(context.partitions());
        List<String> keys = context.partitionKeys();
        String table = "peloton_stage_" + COUNTER.incrementAndGet();
        List<Column> columns;
        boolean keyInValue;
        switch (value) {
            case Sql sql -> {
                columns = describe(connection, sql.select());
                keyInValue = partitionColumns.partitioned() && has(columns, PartitionColumns.KEY);
                requireKeyColumn(context, partitionColumns, keyInValue, "SQL");
                StringBuilder select = new StringBuilder("SELECT *");
                if (keyInValue) {
                    select.append(" REPLACE (CAST(").append(SqlText.identifier(PartitionColumns.KEY))
                            .append(" AS VARCHAR) AS ").append(SqlText.identifier(PartitionColumns.KEY)).append(')');
                } else if (partitionColumns.partitioned()) {
                    select.append(", ").append(SqlText.literal(keys.get(0))).append(" AS ")
                            .append(SqlText.identifier(PartitionColumns.KEY));
                }
                execute(connection, "CREATE TEMP TABLE " + table + " AS " + select + " FROM (" + sql.select()
                        + ") AS peloton_value");
            }
            case Rows rows -> {
                columns = rows.columns();
                keyInValue = partitionColumns.partitioned() && has(columns, PartitionColumns.KEY);
                requireKeyColumn(context, partitionColumns, keyInValue, "Rows");
                StringBuilder ddl = new StringBuilder("CREATE TEMP TABLE " + table + " (");
                for (int i = 0; i < columns.size(); i++) {
                    ddl.append(i == 0 ? "" : ", ").append(SqlText.identifier(columns.get(i).name())).append(' ')
                            .append(columns.get(i).type());
                }
                boolean appendKey = partitionColumns.partitioned() && !keyInValue;
                if (appendKey) {
                    ddl.append(", ").append(SqlText.identifier(PartitionColumns.KEY)).append(" VARCHAR");
                }
                execute(connection, ddl.append(')').toString());
                appendInOneTransaction(connection, table, rows, columns, appendKey ? keys.get(0) : null);
            }
            case null -> throw new IllegalArgumentException("The value is null: return an Sql or Rows value");
            default -> throw new IllegalArgumentException("The value is a " + value.getClass().getName()
                    + ", which this IO manager cannot store: return " + Sql.class.getName() + " (a query it runs)"
                    + " or " + Rows.class.getName() + " (rows written through DuckDB's appender)");
        }
        try {
            if (keyInValue) {
                checkKeys(connection, table, keys);
            }
            String select = shape(table, columns, partitionColumns);
            return new StagedValue(table, describe(connection, select), select, count(connection, table));
        } catch (Exception e) {
            drop(connection, table);
            throw e;
        }
    }

    /**
     * Appends the rows inside one transaction. In auto-commit mode every chunk the appender flushes (2,048 rows)
     * would be a commit of its own, and DuckDB commits one transaction at a time: a source streaming millions of
     * rows would queue behind every other connection's commit and checkpoint.
     */
    private static void appendInOneTransaction(DuckDBConnection connection, String table, Rows rows,
            List<Column> columns, String partitionKey) throws Exception {
        connection.setAutoCommit(false);
        try {
            try (DuckDBAppender appender = connection.createAppender("temp", "main", table)) {
                AppenderRowWriter writer = new AppenderRowWriter(appender, columns, partitionKey);
                rows.source().writeTo(writer);
                writer.finish();
                appender.flush();
            }
            connection.commit();
        } catch (Exception e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    public static void drop(DuckDBConnection connection, String table) {
        try {
            execute(connection, "DROP TABLE IF EXISTS temp.main." + table);
        } catch (SQLException e) {
            // The connection is probably broken; its temporary tables go with it.
        }
    }

    /** The columns a query returns, without running it. */
    public static List<Column> describe(DuckDBConnection connection, String select) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE " + select)) {
            while (rs.next()) {
                columns.add(new Column(rs.getString("column_name"), rs.getString("column_type")));
            }
        }
        return columns;
    }

    public static void execute(DuckDBConnection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    public static long queryLong(DuckDBConnection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The staged rows with the dimension columns computed from the key, replacing any the value had. */
    private static String shape(String table, List<Column> columns, PartitionColumns partitionColumns) {
        StringBuilder sb = new StringBuilder("SELECT *");
        List<String> present = new ArrayList<>();
        for (String dim : partitionColumns.dimensions()) {
            if (has(columns, dim)) {
                present.add(SqlText.identifier(dim));
            }
        }
        if (!present.isEmpty()) {
            sb.append(" EXCLUDE (").append(String.join(", ", present)).append(')');
        }
        for (int i = 0; i < partitionColumns.dimensions().size(); i++) {
            sb.append(", ").append(partitionColumns.expressions().get(i)).append(" AS ")
                    .append(SqlText.identifier(partitionColumns.dimensions().get(i)));
        }
        return sb.append(" FROM temp.main.").append(table).toString();
    }

    private static void requireKeyColumn(OutputContext context, PartitionColumns partitionColumns, boolean keyInValue,
            String kind) {
        List<String> keys = context.partitionKeys();
        if (partitionColumns.partitioned() && !keyInValue && keys.size() != 1) {
            throw new IllegalArgumentException("The step stores " + keys.size() + " partitions at once ("
                    + keys.get(0) + ".." + keys.get(keys.size() - 1) + "), so its " + kind + " value must have a '"
                    + PartitionColumns.KEY + "' column saying which partition each row belongs to");
        }
    }

    private static void checkKeys(DuckDBConnection connection, String table, List<String> keys) throws SQLException {
        String key = SqlText.identifier(PartitionColumns.KEY);
        List<String> wrong = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT DISTINCT " + key + " FROM temp.main." + table + " WHERE " + key
                        + " IS NULL OR NOT (" + SqlText.in(PartitionColumns.KEY, keys) + ") ORDER BY 1 LIMIT 5")) {
            while (rs.next()) {
                wrong.add(rs.getString(1) == null ? "NULL" : "'" + rs.getString(1) + "'");
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("The value's '" + PartitionColumns.KEY + "' column has " + wrong
                    + (wrong.size() == 5 ? " (and maybe more)" : "") + ", which " + (wrong.size() == 1 ? "is" : "are")
                    + " not among the partitions this step stores (" + describeKeys(keys) + ")");
        }
    }

    private static long count(DuckDBConnection connection, String table) throws SQLException {
        return queryLong(connection, "SELECT count(*) FROM temp.main." + table);
    }

    static boolean has(List<Column> columns, String name) {
        for (Column c : columns) {
            if (c.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    public static String describeKeys(List<String> keys) {
        if (keys.size() <= 5) {
            return keys.toString();
        }
        return "[" + keys.get(0) + ", ..., " + keys.get(keys.size() - 1) + "] (" + keys.size() + " keys)";
    }
}
