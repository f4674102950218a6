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
 * Listens on a notification channel (by default the run channel) on a connection of its own and hands each
 * payload on. When the connection breaks it reconnects after a pause; the listener's slow poll covers what it
 * missed meanwhile. The backfill daemon listens on its own channel with it too.
 */
public final class RunNotifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunNotifications.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final String channel;
    private final Consumer<String> onPayload;
    private final Runnable onConnected;
    private final Thread thread;
    private volatile boolean stopped;

    RunNotifications(DataSource dataSource, Consumer<String> onPayload, Runnable onConnected) {
        this(dataSource, DefaultRunCoordinator.CHANNEL, "peloton-run-listener", onPayload, onConnected);
    }

    /**
     * @param channel     a PostgreSQL channel name (an identifier; it is written into {@code LISTEN} as is)
     * @param threadName  the name of the listening thread
     * @param onPayload   called with each notification's payload, on the listening thread
     * @param onConnected called after each (re)connection: what was sent while nobody listened was lost
     */
    public RunNotifications(DataSource dataSource, String channel, String threadName, Consumer<String> onPayload,
            Runnable onConnected) {
        if (channel == null || !channel.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("A notification channel is a lower-case identifier, got '" + channel
                    + "'");
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.onPayload = onPayload;
        this.onConnected = onConnected;
        this.thread = Thread.ofPlatform().daemon().name(threadName).unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        while (!stopped) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + channel);
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
                LOG.warn("Lost the connection that listens on {}; reconnecting in 1 s", channel, e);
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
