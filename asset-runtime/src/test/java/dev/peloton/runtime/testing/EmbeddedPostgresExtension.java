package dev.peloton.runtime.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Real PostgreSQL for tests, fast: one embedded server per test JVM, one database migrated once as a template,
 * and a fresh copy of it for each test class ({@code CREATE DATABASE ... TEMPLATE}, a file copy).
 * Test classes take a {@link TestDatabase} (their own database) or a {@link Server} (to make more) as a
 * constructor or method parameter.
 */
public final class EmbeddedPostgresExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedPostgresExtension.class);
    private static final String TEMPLATE = "peloton_template";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == Server.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Server server = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Server.class, k -> Server.start(), Server.class);
        if (parameter.getParameter().getType() == Server.class) {
            return server;
        }
        // One database per test class, shared by its tests and closed after them.
        ExtensionContext classContext = context.getTestClass().isPresent()
                ? classContextOf(context) : context;
        return classContext.getStore(NAMESPACE)
                .computeIfAbsent(TestDatabase.class, k -> server.copyOfTemplate(), TestDatabase.class);
    }

    private static ExtensionContext classContextOf(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** The shared server. */
    public static final class Server implements AutoCloseable {

        private final EmbeddedPostgres postgres;
        private final AtomicInteger databases = new AtomicInteger();

        private Server(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        static Server start() {
            try {
                // A throw-away server: durability costs time and buys nothing here.
                Server server = new Server(EmbeddedPostgres.builder()
                        .setRegisterShutdownHook(false)
                        .setLocaleConfig("set", "fsync=off")
                        .setLocaleConfig("sync-method", "syncfs")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start());
                server.execute("CREATE DATABASE " + TEMPLATE);
                Flyway.configure()
                        .dataSource(server.jdbcUrl(TEMPLATE), "postgres", null)
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
            }
        }

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database + "?user=postgres";
        }

        /** A new database with no tables; returns its JDBC URL (user {@code postgres}, no password). */
        public String createEmptyDatabase() {
            String name = "empty_" + databases.incrementAndGet();
            execute("CREATE DATABASE " + name);
            return jdbcUrl(name);
        }

        TestDatabase copyOfTemplate() {
            String name = "test_" + databases.incrementAndGet();
            execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
            return new TestDatabase(jdbcUrl(name));
        }

        private void execute(String sql) {
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("Test database setup failed: " + sql, e);
            }
        }

        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }
}
