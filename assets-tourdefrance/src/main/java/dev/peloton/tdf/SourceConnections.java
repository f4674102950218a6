package dev.peloton.tdf;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * The race source's own connection pool. The race points live in Peloton's database here, but a landing step holds
 * its connection for the whole COPY of a race day; on Peloton's pool, a few of them at once would leave the
 * worker's heartbeats and step records waiting for a connection. So the source gets a pool of its own, to the same
 * server, as a separate source database would. When Peloton's data source is not a Hikari pool (its URL cannot be
 * read), the source shares it.
 */
final class SourceConnections implements AutoCloseable {

    private final DataSource dataSource;
    private final HikariDataSource owned;

    SourceConnections(DataSource peloton, int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("peloton.example.source-connections must be at least 1, got "
                    + maxConnections);
        }
        if (peloton instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            HikariDataSource own = new HikariDataSource();
            own.setJdbcUrl(hikari.getJdbcUrl());
            own.setUsername(hikari.getUsername());
            own.setPassword(hikari.getPassword());
            own.setPoolName("tdf-source");
            own.setMaximumPoolSize(maxConnections);
            own.setMinimumIdle(1);
            this.owned = own;
            this.dataSource = own;
        } else {
            this.owned = null;
            this.dataSource = peloton;
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Whether the source has a pool of its own. */
    boolean isSeparatePool() {
        return owned != null;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
