package dev.peloton.runtime.io.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/** Reads query results into Java values, for small results only. */
public final class Queries {

    private Queries() {
    }

    /**
     * The rows of {@code select} as maps from column name to value, in column order.
     *
     * @param tooMany the error when there are more than {@code max} rows, given {@code max}
     */
    public static List<Map<String, Object>> rows(Connection connection, String select, int max,
            LongFunction<RuntimeException> tooMany) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM (" + select + ") LIMIT " + ((long) max + 1))) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            while (rs.next()) {
                if (out.size() == max) {
                    throw tooMany.apply(max);
                }
                Map<String, Object> row = new LinkedHashMap<>(n * 2);
                for (int i = 1; i <= n; i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                out.add(Collections.unmodifiableMap(row));
            }
        }
        return Collections.unmodifiableList(out);
    }
}
