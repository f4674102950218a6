package dev.peloton.runtime.worker;

import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.execution.InProcessExecutor;
import dev.peloton.core.engine.execution.PoolLimiter;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.runtime.engine.PelotonEngineProperties;
import dev.peloton.runtime.run.DefaultRunCoordinator;
import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.storage.StepStorage;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node's worker. It listens for queued runs (PostgreSQL {@code NOTIFY}, with a slow poll as a fallback),
 * claims them up to {@code peloton.runs.max-concurrent}, runs their plans on one warm {@link InProcessExecutor},
 * heartbeats them, and ends them SUCCESS, FAILURE or CANCELED, each change fenced by the claim's token. It also
 * takes over the runs of dead workers (see {@link RunReaper}). This class wires the parts and runs their
 * lifecycle: {@link RunDispatcher} claims and launches, {@link FencedStepGate} fences step commits,
 * {@link RunHeartbeats} renews claims and spots cancels, {@link RunEnder} ends runs.
 */
public final class RunWorker implements SmartLifecycle, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);

    private final String workerId;
    private final BatchingEventSink sink;
    private final InProcessExecutor executor;
    private final RunReaper reaper;
    private final RunNotifications notifications;
    private final PelotonEngineProperties.Runs runSettings;
    private final PelotonEngineProperties.Workers workerSettings;
    private final ActiveRuns active = new ActiveRuns();
    private final ScheduledExecutorService timers;
    private final RunEnder ender;
    private final RunDispatcher dispatcher;
    private final RunHeartbeats heartbeats;
    private final Observer observer;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile Instant startedAt;

    private RunWorker(Builder b) {
        this.workerId = b.workerId;
        DataSource dataSource = b.dataSource;
        RunStorage runs = new RunStorage(dataSource);
        StepStorage steps = new StepStorage(dataSource);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate commitTx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        CommittedSteps committedSteps = new CommittedSteps(dataSource, b.graph);
        this.runSettings = b.runs;
        this.workerSettings = b.workers;
        this.observer = b.observer;
        EventStorage events = new EventStorage(dataSource);
        this.sink = new BatchingEventSink(dataSource, events, steps, runSettings.eventFlushInterval(),
                runSettings.eventBatchSize());
        this.executor = InProcessExecutor.builder(b.graph)
                .storage(b.state == null ? new PostgresAssetStateStorage(dataSource) : b.state)
                .ioManagers(b.ioManagers)
                .resources(b.resources)
                .poolLimiter(b.poolLimiter == null ? PoolLimiter.unlimited() : b.poolLimiter)
                .maxConcurrentSteps(runSettings.maxConcurrentSteps())
                .eventSink(b.observer == Observer.NONE ? sink : sink.andThen(this::notifyEvent))
                .build();
        this.reaper = new RunReaper(dataSource, runs, events, workerSettings.deadAfter(),
                b.poolLimiter instanceof PostgresPoolLimiter p ? p : null);
        this.notifications = new RunNotifications(dataSource, this::onNotification, this::wake);
        this.timers = Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon()
                .name("peloton-worker-timer-", 0).factory());
        this.ender = new RunEnder(runs, sink, active, this::wake);
        this.dispatcher = new RunDispatcher(workerId, runs, steps, committedSteps, sink, executor, active,
                run -> new FencedStepGate(run, jdbc, commitTx), ender, this::notifyClaimed,
                runSettings.maxConcurrent(), workerSettings.pollInterval().toNanos());
        this.heartbeats = new RunHeartbeats(workerId, runs, active);
    }

    public static Builder builder(DataSource dataSource, AssetGraph graph) {
        return new Builder(dataSource, graph);
    }

    public String workerId() {
        return workerId;
    }

    /** How many runs this worker is executing now. */
    public int activeRunCount() {
        return active.size();
    }

    /** The most runs this worker executes at once ({@code peloton.runs.max-concurrent}). */
    public int maxConcurrentRuns() {
        return runSettings.maxConcurrent();
    }

    /** When the worker started, or {@code null} before. */
    public Instant startedAt() {
        return startedAt;
    }

    /** When the worker's heartbeat pass last completed, or {@code null} before the first one. */
    public Instant lastHeartbeatAt() {
        return heartbeats.lastHeartbeatAt();
    }

    /** The worker's settings: heartbeat interval, dead-after, poll interval. */
    public PelotonEngineProperties.Workers settings() {
        return workerSettings;
    }

    /**
     * Sees what the worker does, for metrics: the runs it claims and every event of its runs. Called on the
     * worker's and the steps' threads, so implementations are thread-safe and quick.
     */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        /** This worker claimed {@code run} (STARTING, with its claim's heartbeat time). */
        default void runClaimed(RunRecord run) {
        }

        /** An event of a run this worker executes, after it was handed to the event log's buffer. */
        default void event(RunEvent event) {
        }

        /** Passes each call to every observer in turn. */
        static Observer all(List<Observer> observers) {
            List<Observer> copy = List.copyOf(observers);
            if (copy.isEmpty()) {
                return NONE;
            }
            if (copy.size() == 1) {
                return copy.get(0);
            }
            return new Observer() {
                @Override
                public void runClaimed(RunRecord run) {
                    copy.forEach(o -> o.runClaimed(run));
                }

                @Override
                public void event(RunEvent event) {
                    copy.forEach(o -> o.event(event));
                }
            };
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        startedAt = Instant.now();
        sink.start();
        dispatcher.start();
        notifications.start();
        long heartbeat = workerSettings.heartbeatInterval().toMillis();
        timers.scheduleWithFixedDelay(guard("heartbeat", heartbeats), heartbeat, heartbeat,
                TimeUnit.MILLISECONDS);
        long reap = workerSettings.reapInterval().toMillis();
        timers.scheduleWithFixedDelay(guard("take-over", this::reap), reap, reap, TimeUnit.MILLISECONDS);
        LOG.info("Worker {} started: up to {} runs at once", workerId, runSettings.maxConcurrent());
    }

    private static Runnable guard(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Worker {} failed; it runs again at the next interval", what, e);
            }
        };
    }

    private void onNotification(String payload) {
        if (payload != null && payload.startsWith(DefaultRunCoordinator.CANCEL_PREFIX)) {
            ActiveRun run = active.get(payload.substring(DefaultRunCoordinator.CANCEL_PREFIX.length()));
            if (run != null) {
                run.cancel();
            }
        } else {
            wake();
        }
    }

    /** Asks the dispatcher to look for queued runs now. */
    void wake() {
        dispatcher.wake();
    }

    private void notifyEvent(RunEvent event) {
        try {
            observer.event(event);
        } catch (RuntimeException e) {
            LOG.warn("Worker observer failed on an event of run {}; the run goes on", event.runId(), e);
        }
    }

    private void notifyClaimed(RunRecord run) {
        try {
            observer.runClaimed(run);
        } catch (RuntimeException e) {
            LOG.warn("Worker observer failed on run {}; the run goes on", run.id(), e);
        }
    }

    private void reap() {
        if (reaper.reap() > 0) {
            wake();
        }
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public boolean isRunning() {
        return running && !stopping;
    }

    /**
     * Stops claiming, cancels the runs still going (each goes back to the queue for another worker) and writes
     * the last events.
     */
    @Override
    public synchronized void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        dispatcher.stop();
        notifications.close();
        executor.close();
        active.awaitEmpty(System.nanoTime() + Duration.ofSeconds(15).toNanos());
        timers.shutdownNow();
        ender.close();
        sink.close();
        running = false;
    }

    /** A worker's collaborators and settings. */
    public static final class Builder {
        private final DataSource dataSource;
        private final AssetGraph graph;
        private IOManagerRegistry ioManagers = IOManagerRegistry.inMemory();
        private Map<String, Object> resources = new LinkedHashMap<>();
        private AssetStateStorage state;
        private PoolLimiter poolLimiter;
        private PelotonEngineProperties.Runs runs = new PelotonEngineProperties.Runs(8, 16, Duration.ofMillis(20),
                500);
        private PelotonEngineProperties.Workers workers = new PelotonEngineProperties.Workers(true,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5));
        private String workerId = defaultWorkerId();
        private Observer observer = Observer.NONE;

        private Builder(DataSource dataSource, AssetGraph graph) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.graph = Objects.requireNonNull(graph, "graph");
        }

        public Builder ioManagers(IOManagerRegistry v) { this.ioManagers = Objects.requireNonNull(v); return this; }
        public Builder resources(Map<String, Object> v) { this.resources = new LinkedHashMap<>(v); return this; }
        /** Where materializations go; PostgreSQL on the worker's data source by default. */
        public Builder stateStorage(AssetStateStorage v) { this.state = v; return this; }
        /** Pool limits; {@link PostgresPoolLimiter} for limits across the cluster. */
        public Builder poolLimiter(PoolLimiter v) { this.poolLimiter = v; return this; }
        public Builder runs(PelotonEngineProperties.Runs v) { this.runs = Objects.requireNonNull(v); return this; }
        public Builder workers(PelotonEngineProperties.Workers v) {
            this.workers = Objects.requireNonNull(v);
            return this;
        }
        /** Sees claims and events, for metrics; {@link Observer#NONE} by default. */
        public Builder observer(Observer v) { this.observer = Objects.requireNonNull(v); return this; }
        public Builder workerId(String v) {
            if (v == null || v.isBlank() || v.length() > 200) {
                throw new IllegalArgumentException("A worker id must have 1 to 200 characters, got '" + v + "'");
            }
            this.workerId = v;
            return this;
        }

        public RunWorker build() {
            return new RunWorker(this);
        }

        private static String defaultWorkerId() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "unknown-host";
            }
            return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
