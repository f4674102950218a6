package dev.peloton.runtime.io.duckdb;

import dev.peloton.runtime.io.QueryableIOManager;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * A {@link ConnectionPool} opened on first use, so a node that never runs an asset of an IO manager never opens
 * (or, for a DuckDB file, locks) what it would use; closed once, after which it refuses to reopen.
 */
public final class LazyConnectionPool implements AutoCloseable {

    /** Opens the pool; called at most once. */
    @FunctionalInterface
    public interface Opener {
        ConnectionPool open() throws SQLException;
    }

    private final String owner;
    private final Opener opener;
    private volatile ConnectionPool pool;
    private boolean closed;

    /**
     * @param owner  what the pool belongs to, for the error after closing ("The DuckDB IO manager of /data/w.duckdb")
     * @param opener opens the pool
     */
    public LazyConnectionPool(String owner, Opener opener) {
        this.owner = owner;
        this.opener = opener;
    }

    public ConnectionPool get() throws SQLException {
        ConnectionPool p = pool;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (closed) {
                throw new SQLException(owner + " is closed");
            }
            if (pool == null) {
                pool = opener.open();
            }
            return pool;
        }
    }

    /** Runs {@code work} on a pooled connection. */
    public <T> T query(QueryableIOManager.ConnectionCallback<T> work) throws SQLException {
        ConnectionPool p = get();
        DuckDBConnection c = p.borrow();
        try {
            return work.apply(c);
        } finally {
            p.release(c);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
