package dev.peloton.runtime.io.duckdb;

import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBConnection;

/**
 * Connections to one DuckDB database: one root connection, and duplicates of it handed out one per thread at a
 * time (a DuckDB connection must not be used by two threads at once). Idle duplicates are kept up to a limit.
 */
public final class ConnectionPool implements AutoCloseable {

    private final DuckDBConnection root;
    private final ConcurrentLinkedQueue<DuckDBConnection> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final int maxIdle;
    private final String init;
    private volatile boolean closed;

    public ConnectionPool(DuckDBConnection root, int maxIdle) {
        this(root, maxIdle, null);
    }

    /** @param init a statement run on each new duplicate (settings are per connection), or null */
    public ConnectionPool(DuckDBConnection root, int maxIdle, String init) {
        this.root = root;
        this.maxIdle = maxIdle;
        this.init = init;
    }

    public DuckDBConnection borrow() throws SQLException {
        if (closed) {
            throw new SQLException("The DuckDB connection pool is closed");
        }
        DuckDBConnection c = idle.poll();
        if (c != null) {
            idleCount.decrementAndGet();
            return c;
        }
        DuckDBConnection duplicate;
        synchronized (root) {
            duplicate = root.duplicate();
        }
        if (init != null) {
            try (var st = duplicate.createStatement()) {
                st.execute(init);
            } catch (SQLException e) {
                closeQuietly(duplicate);
                throw e;
            }
        }
        return duplicate;
    }

    public void release(DuckDBConnection connection) {
        try {
            if (closed || connection.isClosed() || !connection.getAutoCommit()) {
                connection.close();
                return;
            }
        } catch (SQLException e) {
            return;
        }
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.offer(connection);
        } else {
            idleCount.decrementAndGet();
            closeQuietly(connection);
        }
    }

    @Override
    public void close() {
        closed = true;
        DuckDBConnection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
        synchronized (root) {
            closeQuietly(root);
        }
    }

    private static void closeQuietly(DuckDBConnection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing: nothing left to do with it
        }
    }
}
