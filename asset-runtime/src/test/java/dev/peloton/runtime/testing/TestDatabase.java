package dev.peloton.runtime.testing;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** A migrated database of its own for one test class, with a connection pool. */
public final class TestDatabase implements AutoCloseable {

    private final String jdbcUrl;
    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;

    TestDatabase(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        this.dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl);
        dataSource.setMaximumPoolSize(12);
        dataSource.setPoolName("test");
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The URL, with {@code user=postgres} in it. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Empties the given tables (and resets their sequences), so that each test starts from nothing. */
    public void truncate(String... tables) {
        jdbc.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
