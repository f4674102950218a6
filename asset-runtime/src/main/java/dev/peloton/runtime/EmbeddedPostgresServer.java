package dev.peloton.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the embedded PostgreSQL server on a data directory that outlives the process. */
public final class EmbeddedPostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private EmbeddedPostgresServer() {
    }

    /** The server's data directory inside Peloton's data directory. */
    public static Path postgresDataDirectory(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve("postgres");
    }

    /**
     * Starts a server on {@code <dataDir>/postgres} (created by {@code initdb} the first time, reused after)
     * and makes sure {@code database} exists. The caller closes it.
     */
    public static EmbeddedPostgres start(Path dataDir, int port, String database) {
        Path pgData = postgresDataDirectory(dataDir);
        try {
            Files.createDirectories(pgData.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Peloton's data directory " + pgData.getParent()
                    + " (peloton.data-dir)", e);
        }
        EmbeddedPostgres postgres;
        try {
            // Spring closes it (bean destroy method): zonky's own shutdown hook would race Spring's shutdown.
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    // zonky passes these to initdb as --key=value. One syncfs of the new cluster instead of an
                    // fsync per file: as durable, and it halves the first start (the binaries are Linux-only).
                    .setLocaleConfig("sync-method", "syncfs")
                    .start();
        } catch (IOException | RuntimeException e) {
            // zonky locks the data directory: a second server on it fails here, as does a port in use.
            throw new IllegalStateException("Could not start the embedded PostgreSQL on " + pgData + " (port "
                    + (port == 0 ? "any free one" : port) + "): " + e.getMessage() + ". Is another Peloton using"
                    + " this data directory (peloton.data-dir) or this port (peloton.embedded-postgres.port)?", e);
        }
        try {
            createDatabaseIfMissing(postgres, database);
        } catch (SQLException e) {
            closeQuietly(postgres);
            throw new IllegalStateException("Could not create database '" + database
                    + "' on the embedded PostgreSQL", e);
        }
        LOG.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), pgData);
        return postgres;
    }

    /** The JDBC URL of {@code database} on the server. */
    public static String jdbcUrl(EmbeddedPostgres postgres, String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                // The name is checked to be a plain identifier (PelotonProperties.EmbeddedPostgres).
                create.execute("CREATE DATABASE " + database);
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded PostgreSQL", e);
        }
    }
}
