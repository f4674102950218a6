package dev.peloton.runtime.io;

/**
 * A SELECT statement an asset returns instead of data: the IO manager runs it where the data lives (DuckDB) and
 * stores its result, so the rows never cross the JVM. Upstream {@link TableRef}s concatenate into it:
 *
 * <pre>{@code
 * @Asset(key = "staging/race", ioManager = "duckdb", partitions = "stages")
 * Sql stagingRace(@In("landing/race") TableRef landingRace) {
 *     return Sql.of("SELECT rider, sum(seconds) AS seconds FROM " + landingRace + " GROUP BY rider");
 * }
 * }</pre>
 *
 * <p>For a step over one partition the IO manager adds the {@code partition_key} column itself. A step over a
 * range of partitions must return a {@code partition_key} column that says which partition each row belongs to.
 *
 * @param select the query, one SELECT (or WITH ... SELECT, VALUES, FROM ...) statement without a trailing
 *               semicolon
 */
public record Sql(String select) {

    public Sql {
        if (select == null || select.isBlank()) {
            throw new IllegalArgumentException("An Sql value needs a SELECT statement, got "
                    + (select == null ? "null" : "a blank string"));
        }
        select = select.strip();
        while (select.endsWith(";")) {
            select = select.substring(0, select.length() - 1).stripTrailing();
        }
    }

    public static Sql of(String select) {
        return new Sql(select);
    }

    /** {@code String.format} shorthand: {@code Sql.of("SELECT * FROM %s WHERE x > %d", ref, 3)}. */
    public static Sql format(String template, Object... args) {
        return new Sql(String.format(java.util.Locale.ROOT, template, args));
    }

    @Override
    public String toString() {
        return select;
    }
}
