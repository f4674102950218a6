package dev.peloton.runtime.backfill;

import dev.peloton.core.Asset;
import dev.peloton.core.In;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.discovery.AssetDiscovery;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.run.DefaultRunCoordinator;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.testing.TestDatabase;
import java.util.EnumSet;
import java.util.List;

/** A three-asset chain over race days, a coordinator, a service and a way to play a worker. */
final class BackfillFixture {

    public static class RaceAssets {
        @Partitions("days")
        public static final PartitionsDefinition DAYS = PartitionsDefinition.daily("1990-01-01", "2030-12-31");

        @Asset(key = "raw/stages", partitions = "days")
        public int stages() {
            return 1;
        }

        @Asset(key = "warehouse/stage_results", partitions = "days")
        public int results(@In("raw/stages") int stages) {
            return stages + 1;
        }

        @Asset(key = "marts/standings", partitions = "days")
        public int standings(@In("warehouse/stage_results") int results) {
            return results + 1;
        }

        /** Unpartitioned, and nothing partitioned reads it: a run over some days cannot tell what to do with it. */
        @Asset(key = "ref/teams")
        public int teams() {
            return 22;
        }
    }

    final TestDatabase db;
    final AssetGraph graph = AssetDiscovery.scan(new RaceAssets()).toGraph();
    final RunStorage runs;
    final DefaultRunCoordinator coordinator;
    final BackfillService service;

    BackfillFixture(TestDatabase db, BackfillService.Limits limits) {
        this.db = db;
        db.truncate("runs", "run_keys", "steps", "backfills");
        this.runs = new RunStorage(db.dataSource());
        this.coordinator = new DefaultRunCoordinator(db.dataSource(), graph, runs,
                new PostgresAssetStateStorage(db.dataSource()));
        this.service = new BackfillService(db.dataSource(), graph, coordinator, limits);
    }

    BackfillDaemon daemon(int batchSize, BackfillDaemon.BatchListener listener) {
        return new BackfillDaemon(db.dataSource(), graph, coordinator, service, batchSize, listener);
    }

    int runCount() {
        return db.jdbc().queryForObject("SELECT count(*) FROM runs", Integer.class);
    }

    int backfillCount() {
        return db.jdbc().queryForObject("SELECT count(*) FROM backfills", Integer.class);
    }

    List<RunRecord> runsOf(String backfillId) {
        return db.jdbc().queryForList("SELECT id::text FROM runs WHERE backfill_id = ?::uuid ORDER BY created_at, id",
                String.class, backfillId).stream().map(runs::get).toList();
    }

    /** Plays a worker: claims the queued run of a partition and ends it with {@code end}. */
    void finish(RunRecord run, RunStatus end) {
        RunRecord claimed = claim(run);
        RunRecord running = runs.transitionFenced(claimed.id(), claimed.fencingToken(),
                EnumSet.of(RunStatus.STARTING), RunStatus.RUNNING, null);
        runs.transitionFenced(running.id(), running.fencingToken(), EnumSet.of(RunStatus.RUNNING), end,
                end == RunStatus.FAILURE ? "boom" : null);
    }

    /** Claims this run for a worker (the queue hands out runs in order, so claim until it is this one). */
    RunRecord claim(RunRecord run) {
        // Claiming gives out the oldest queued run first; mark others back as queued is not possible, so claim
        // with a high limit and keep the one we want, requeueing the rest.
        List<RunRecord> claimed = runs.claimNext("test-worker", 1_000);
        RunRecord mine = null;
        for (RunRecord c : claimed) {
            if (c.id().equals(run.id())) {
                mine = c;
            } else {
                runs.transitionFenced(c.id(), c.fencingToken(), EnumSet.of(RunStatus.STARTING), RunStatus.QUEUED,
                        null);
            }
        }
        if (mine == null) {
            throw new AssertionError("Run " + run.id() + " was not queued");
        }
        return mine;
    }
}
