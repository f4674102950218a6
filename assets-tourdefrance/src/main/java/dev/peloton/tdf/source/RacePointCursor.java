package dev.peloton.tdf.source;

import dev.peloton.tdf.generate.RacePoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.postgresql.copy.CopyOut;

/**
 * The points of one race day as they stream out of a running {@code COPY ... TO STDOUT}. Holds a connection until the
 * last row was read or it is closed; closing early cancels the COPY.
 */
public final class RacePointCursor implements Iterator<RacePoint>, AutoCloseable {

    private final Connection connection;
    private final CopyOut copy;
    private final RacePointCopyParser parser;
    /** A row was read by hasNext() and not handed out yet. */
    private boolean pending;
    private long rows;
    private final javax.sql.DataSource dataSource;
    private boolean closed;

    RacePointCursor(javax.sql.DataSource dataSource, Connection connection, CopyOut copy, RacePointCopyParser parser) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.copy = copy;
        this.parser = parser;
    }

    @Override
    public boolean hasNext() {
        if (pending) {
            return true;
        }
        pending = advance();
        return pending;
    }

    @Override
    public RacePoint next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more race points after " + rows + " rows");
        }
        pending = false;
        return parser.row().toRacePoint();
    }

    /**
     * Moves to the next row without making an object of it: the row is then in {@link #row()}, until the next call.
     * For bulk readers; do not mix with {@link #next()}.
     *
     * @return false when there are no more rows (the cursor is then closed)
     */
    public boolean advance() {
        if (pending) {
            pending = false;
            return true;
        }
        if (closed) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = copy.readFromCopy();
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("reading race points failed after " + rows + " rows: " + e.getMessage(), e);
        }
        if (bytes == null) {
            close();
            return false;
        }
        try {
            parser.parse(bytes, rows + 1);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        rows++;
        return true;
    }

    /** The row {@link #advance()} moved to. */
    public RacePointRow row() {
        return parser.row();
    }

    /** Rows read so far. */
    public long rowsRead() {
        return rows;
    }

    /** Whether the COPY is still running on the server side (rows not read yet). */
    public boolean isCopyActive() {
        return !closed && copy.isActive();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = copy.isActive();
        try {
            if (interrupted) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // the connection is discarded below; a cancel that fails leaves nothing else to clean up
        } finally {
            try {
                if (interrupted) {
                    // A cancelled COPY can leave the protocol mid-stream: a pooled connection must not be reused.
                    ConnectionDiscard.discard(dataSource, connection);
                } else {
                    connection.close();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot close the race points connection: " + e.getMessage(), e);
            }
        }
    }
}
