package dev.peloton.runtime.worker;

import dev.peloton.core.engine.discovery.AssetDiscovery;
import dev.peloton.core.engine.execution.PoolLimiter;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.runtime.engine.PelotonEngineProperties;
import dev.peloton.runtime.run.DefaultRunCoordinator;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Workers and a coordinator on one test database, all closed after each test. */
final class WorkerTestSupport implements AutoCloseable {

    final TestDatabase db;
    final WorkerAssets assets = new WorkerAssets();
    final AssetGraph graph;
    // Shared, as a lake would be: a run resumed on another worker reads what the first one stored.
    final IOManagerRegistry io = IOManagerRegistry.inMemory();
    final RunStorage runs;
    final DefaultRunCoordinator coordinator;
    private final List<RunWorker> workers = new ArrayList<>();

    WorkerTestSupport(TestDatabase db) {
        this.db = db;
        db.truncate("runs", "steps", "event_log", "run_keys", "materializations", "asset_partition_state",
                "pool_slots");
        this.graph = AssetDiscovery.scan(assets).toGraph();
        this.runs = new RunStorage(db.dataSource());
        this.coordinator = new DefaultRunCoordinator(db.dataSource(), graph, runs,
                new PostgresAssetStateStorage(db.dataSource()));
    }

    static PelotonEngineProperties.Workers fastWorkers() {
        return new PelotonEngineProperties.Workers(true, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    static PelotonEngineProperties.Runs runsOf(int maxConcurrent) {
        return new PelotonEngineProperties.Runs(maxConcurrent, 16, Duration.ofMillis(10), 500);
    }

    RunWorker worker(String id, int maxConcurrent) {
        return worker(id, runsOf(maxConcurrent), fastWorkers(), null);
    }

    RunWorker worker(String id, PelotonEngineProperties.Runs runSettings, PelotonEngineProperties.Workers settings,
            PoolLimiter pools) {
        RunWorker worker = RunWorker.builder(db.dataSource(), graph)
                .workerId(id)
                .ioManagers(io)
                .poolLimiter(pools)
                .runs(runSettings)
                .workers(settings)
                .build();
        workers.add(worker);
        worker.start();
        return worker;
    }

    RunStatus status(String runId) {
        return runs.get(runId).status();
    }

    int count(String sql, Object... args) {
        return db.jdbc().queryForObject(sql, Integer.class, args);
    }

    @Override
    public void close() {
        workers.forEach(RunWorker::close);
    }
}
