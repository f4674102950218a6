package dev.peloton.runtime.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Rows an asset produces in Java: the columns with their DuckDB types and a source that writes the rows when the
 * IO manager stores them (through DuckDB's appender), never a list of every row in memory.
 *
 * <pre>{@code
 * @Asset(key = "landing/race", ioManager = "duckdb", partitions = "stages")
 * Rows landingRace(AssetContext context) {
 *     return Rows.of(List.of(Column.varchar("rider"), Column.bigint("seconds")), out -> {
 *         try (var results = timingFeed.open(context.partitionKey())) {
 *             while (results.next()) {
 *                 out.add(results.rider()).add(results.seconds()).endRow();
 *             }
 *         }
 *     });
 * }
 * }</pre>
 *
 * <p>The source runs once, inside {@code store}, on the step's thread. A step over a range of partitions must
 * include a {@code partition_key} column.
 *
 * @param columns the columns, in order; names unique (ignoring case, as in DuckDB)
 * @param source  writes the rows
 */
public record Rows(List<Column> columns, RowSource source) {

    /** Writes rows into a {@link RowWriter}; may throw, which fails the store and keeps the previous data. */
    @FunctionalInterface
    public interface RowSource {
        void writeTo(RowWriter out) throws Exception;
    }

    public Rows {
        columns = List.copyOf(columns);
        Objects.requireNonNull(source, "source");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Rows need at least one column");
        }
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Rows declare column '" + c.name() + "' twice (column names"
                        + " ignore case in DuckDB): " + columns.stream().map(Column::name).toList());
            }
        }
    }

    public static Rows of(List<Column> columns, RowSource source) {
        return new Rows(columns, source);
    }

    /** Rows from an iterable of rows, each a list of values in column order; iterated lazily, when stored. */
    public static Rows of(List<Column> columns, Iterable<? extends List<?>> rows) {
        return new Rows(columns, out -> {
            for (List<?> row : rows) {
                out.row(row.toArray());
            }
        });
    }

    /** Rows from a stream of arrays, consumed (and closed) when stored. */
    public static Rows fromStream(List<Column> columns, Stream<Object[]> rows) {
        return new Rows(columns, out -> {
            try (rows) {
                var it = rows.iterator();
                while (it.hasNext()) {
                    out.row(it.next());
                }
            }
        });
    }

    /** The column names in order. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        columns.forEach(c -> names.add(c.name()));
        return names;
    }
}
