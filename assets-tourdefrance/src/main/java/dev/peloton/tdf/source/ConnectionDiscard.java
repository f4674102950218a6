package dev.peloton.tdf.source;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Closes a connection for good, so that a pool never hands it out again. */
final class ConnectionDiscard {

    private ConnectionDiscard() {
    }

    static void discard(DataSource dataSource, Connection connection) throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            return;
        }
        // Other pools: abort ends the physical connection, so the pool's validation drops it.
        connection.abort(Runnable::run);
        connection.close();
    }
}
