package dev.peloton.runtime.automation;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.discovery.AssetDiscovery;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.run.DefaultRunCoordinator;
import dev.peloton.runtime.storage.NewRun;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;

/** Shared set-up of the automation tests. */
final class AutomationFixtures {

    static final AssetGraph GRAPH = AssetDiscovery.scan(new TourAssets()).toGraph();

    private AutomationFixtures() {
    }

    static DefaultRunCoordinator coordinator(DataSource dataSource) {
        return new DefaultRunCoordinator(dataSource, GRAPH, new RunStorage(dataSource),
                new PostgresAssetStateStorage(dataSource));
    }

    /** A Quartz scheduler that is never started: registering works, nothing fires, the test ticks by hand. */
    static Scheduler idleScheduler() throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "idle-" + UUID.randomUUID());
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return new StdSchedulerFactory(p).getScheduler();
    }

    /** A run that failed with {@code error}, as a worker would leave it. */
    static String failedRun(RunStorage runs, String error) {
        String id = runs.create(NewRun.of(List.of(AssetKey.parse("race/summary")), PartitionSet.of(0)));
        String worker = "worker-" + UUID.randomUUID();
        runs.claimNext(worker, 1000);
        runs.transition(id, EnumSet.of(RunStatus.STARTING), RunStatus.RUNNING);
        runs.transition(id, EnumSet.of(RunStatus.RUNNING), RunStatus.FAILURE, error);
        return id;
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
