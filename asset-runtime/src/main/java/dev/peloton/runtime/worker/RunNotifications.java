package dev.peloton.runtime.worker;

import dev.peloton.runtime.run.DefaultRunCoordinator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the run channel on a connection of its own and hands each payload to the worker. When the
 * connection breaks it reconnects after a pause; the worker's slow poll covers what it missed meanwhile.
 */
final class RunNotifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunNotifications.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final Consumer<String> onPayload;
    private final Runnable onConnected;
    private final Thread thread;
    private volatile boolean stopped;

    RunNotifications(DataSource dataSource, Consumer<String> onPayload, Runnable onConnected) {
        this.dataSource = dataSource;
        this.onPayload = onPayload;
        this.onConnected = onConnected;
        this.thread = Thread.ofPlatform().daemon().name("peloton-run-listener").unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (!stopped) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + DefaultRunCoordinator.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                // Runs queued before we listened were not announced to us.
                onConnected.run();
                while (!stopped) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            onPayload.accept(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopped) {
                    return;
                }
                LOG.warn("Lost the connection that listens for queued runs; reconnecting in 1 s", e);
                pause();
            }
        }
    }

    private void pause() {
        synchronized (this) {
            try {
                wait(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
