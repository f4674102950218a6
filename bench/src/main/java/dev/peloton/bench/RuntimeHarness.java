package dev.peloton.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.EmbeddedPostgresServer;
import dev.peloton.runtime.engine.PelotonEngineProperties;
import dev.peloton.runtime.run.DefaultRunCoordinator;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.worker.RunWorker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runtime as a node runs it, without Spring: an embedded PostgreSQL in a temporary directory, migrated by
 * Flyway, a connection pool, the run coordinator and (on demand) this node's worker with the default settings.
 * Everything is deleted on close.
 */
final class RuntimeHarness implements AutoCloseable {

    final AssetGraph graph;
    final HikariDataSource dataSource;
    final JdbcTemplate jdbc;
    final RunStorage runs;
    final DefaultRunCoordinator coordinator;
    private final Path dir;
    private final EmbeddedPostgres postgres;
    private RunWorker worker;

    RuntimeHarness(AssetGraph graph) {
        this.graph = graph;
        try {
            this.dir = Files.createTempDirectory("peloton-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.postgres = EmbeddedPostgresServer.start(dir, 0, "peloton");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(EmbeddedPostgresServer.jdbcUrl(postgres, "peloton"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(20);
        this.dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.jdbc = new JdbcTemplate(dataSource);
        this.runs = new RunStorage(dataSource);
        this.coordinator = new DefaultRunCoordinator(dataSource, graph, runs, new PostgresAssetStateStorage(dataSource));
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Starts this node's worker with Peloton's default settings (8 runs, 16 steps at once, 20 ms event flush). */
    RunWorker startWorker(RunWorker.Observer observer) {
        worker = RunWorker.builder(dataSource, graph)
                .workerId("bench-worker")
                .runs(new PelotonEngineProperties.Runs(8, 16, Duration.ofMillis(20), 500))
                .workers(new PelotonEngineProperties.Workers(true, Duration.ofSeconds(5), Duration.ofSeconds(30),
                        Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .observer(observer)
                .build();
        worker.start();
        return worker;
    }

    long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        dataSource.close();
        try {
            postgres.close();
        } catch (IOException e) {
            // The directory is deleted below anyway.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
