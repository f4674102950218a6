package dev.peloton.runtime.io;

import dev.peloton.core.AssetKey;
import dev.peloton.core.InputContext;
import dev.peloton.core.OutputContext;
import dev.peloton.core.PartitionsDefinition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Contexts and small queries shared by the IO manager tests. */
final class IoTestSupport {

    static final PartitionsDefinition STAGES = PartitionsDefinition.staticKeys("stage-1", "stage-2", "stage-3");

    private IoTestSupport() {
    }

    static OutputContext out(String asset, PartitionsDefinition partitions, String... keys) {
        return new OutputContext(AssetKey.parse(asset), partitions, keys.length == 0 ? List.of("") : List.of(keys),
                "run-1");
    }

    static InputContext in(String asset, PartitionsDefinition partitions, Class<?> type, String... keys) {
        return new InputContext(AssetKey.parse(asset), partitions, keys.length == 0 ? List.of("") : List.of(keys),
                type, AssetKey.parse("reader"));
    }

    /** Rows of a query as lists of strings, for compact assertions. */
    static List<List<String>> rows(QueryableIOManager io, String sql) throws SQLException {
        return io.query(c -> rows(c, sql));
    }

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    static Rows riders(String... namesAndSeconds) {
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < namesAndSeconds.length; i += 2) {
            rows.add(List.of(namesAndSeconds[i], Long.parseLong(namesAndSeconds[i + 1])));
        }
        return Rows.of(List.of(Column.varchar("rider"), Column.bigint("seconds")), rows);
    }
}
