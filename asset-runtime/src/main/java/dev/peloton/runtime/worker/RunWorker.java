package dev.peloton.runtime.worker;

import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.execution.InProcessExecutor;
import dev.peloton.core.engine.execution.PoolLimiter;
import dev.peloton.core.engine.execution.RunHandle;
import dev.peloton.core.engine.execution.RunOptions;
import dev.peloton.core.engine.execution.RunResult;
import dev.peloton.core.engine.execution.StepGate;
import dev.peloton.core.engine.execution.StepReport;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlannedStep;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.runtime.engine.PelotonEngineProperties;
import dev.peloton.runtime.run.DefaultRunCoordinator;
import dev.peloton.runtime.run.PlanCodec;
import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.IllegalRunTransitionException;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.storage.StepStorage;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
 * takes over the runs of dead workers (see {@link RunReaper}).
 */
public final class RunWorker implements SmartLifecycle, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);
    private static final Set<RunStatus> HELD = EnumSet.of(RunStatus.RUNNING, RunStatus.CANCELING);

    private final String workerId;
    private final DataSource dataSource;
    private final RunStorage runs;
    private final StepStorage steps;
    private final JdbcClient jdbc;
    private final TransactionTemplate commitTx;
    private final BatchingEventSink sink;
    private final InProcessExecutor executor;
    private final RunReaper reaper;
    private final RunNotifications notifications;
    private final PlanCodec codec = new PlanCodec();
    private final CommittedSteps committedSteps;
    private final PelotonEngineProperties.Runs runSettings;
    private final PelotonEngineProperties.Workers workerSettings;
    private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
    private final Object idle = new Object();
    private final ScheduledExecutorService timers;
    private final ExecutorService finishers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("peloton-run-finisher-", 0).factory());
    private final Thread dispatcher;
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition wakeUp = wakeLock.newCondition();
    private boolean wakeRequested;
    private final Observer observer;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile Instant startedAt;
    private volatile Instant lastHeartbeatAt;

    private RunWorker(Builder b) {
        this.workerId = b.workerId;
        this.dataSource = b.dataSource;
        this.runs = new RunStorage(dataSource);
        this.steps = new StepStorage(dataSource);
        this.jdbc = JdbcClient.create(dataSource);
        this.commitTx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.committedSteps = new CommittedSteps(dataSource, b.graph);
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
        this.dispatcher = Thread.ofPlatform().daemon().name("peloton-run-dispatcher").unstarted(this::dispatchLoop);
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
        return lastHeartbeatAt;
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
        timers.scheduleWithFixedDelay(guard("heartbeat", this::heartbeat), heartbeat, heartbeat,
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
        wakeLock.lock();
        try {
            wakeRequested = true;
            wakeUp.signal();
        } finally {
            wakeLock.unlock();
        }
    }

    private void dispatchLoop() {
        long poll = workerSettings.pollInterval().toNanos();
        while (!stopping) {
            wakeLock.lock();
            try {
                if (!wakeRequested) {
                    wakeUp.awaitNanos(poll);
                }
                wakeRequested = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                wakeLock.unlock();
            }
            try {
                claimAndStart();
            } catch (RuntimeException e) {
                if (!stopping) {
                    LOG.error("Worker {} could not claim runs; it tries again at the next poll", workerId, e);
                }
            }
        }
    }

    private void claimAndStart() {
        int free = runSettings.maxConcurrent() - active.size();
        while (free > 0 && !stopping) {
            List<RunRecord> claimed = runs.claimNext(workerId, free);
            for (RunRecord run : claimed) {
                notifyClaimed(run);
                launch(run);
            }
            if (claimed.size() < free) {
                return;
            }
            free = runSettings.maxConcurrent() - active.size();
        }
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

    private void launch(RunRecord claimed) {
        String id = claimed.id();
        long token = claimed.fencingToken();
        ActiveRun run = new ActiveRun(id, token);
        active.put(id, run);
        try {
            Plan plan = codec.read(claimed.planJson(), "Run " + id);
            Set<String> planned = new HashSet<>();
            for (PlannedStep s : plan.steps()) {
                planned.add(s.id());
            }
            // Resuming after a takeover: steps that succeeded before are not run again.
            Set<String> completed = steps.succeeded(id);
            completed.retainAll(planned);
            if (token > 1) {
                // Claimed before: steps that committed just before the previous worker died count as done too.
                completed.addAll(committedSteps.find(id, plan, completed));
            }
            try {
                runs.transitionFenced(id, token, EnumSet.of(RunStatus.STARTING), RunStatus.RUNNING, null);
            } catch (IllegalRunTransitionException e) {
                if (e.current() == RunStatus.CANCELING) {
                    runs.transitionFenced(id, token, EnumSet.of(RunStatus.CANCELING), RunStatus.CANCELED, null);
                } else {
                    LOG.info("Run {} was not started: {}", id, e.getMessage());
                }
                active.remove(id);
                return;
            }
            sink.register(id, token);
            RunHandle handle = executor.start(plan, new RunOptions(id, completed, gate(run)));
            run.started(handle);
            handle.completion().whenCompleteAsync((result, error) -> finish(run, result, error), finishers);
        } catch (RuntimeException e) {
            LOG.error("Run {} could not start", id, e);
            end(run, RunStatus.FAILURE, "The run could not start: " + e.getMessage());
        }
    }

    /**
     * The fencing gate: a step commits only while this worker's claim token is the run's current one. The check
     * and the commit share one transaction holding the run's row FOR SHARE, so a takeover (which updates the row)
     * waits for the commit to end, or the check sees the new token and nothing is recorded.
     */
    private StepGate gate(ActiveRun run) {
        return new StepGate() {
            @Override
            public boolean mayCommit(String runId, String stepId) {
                return holds(run, runId, stepId, "");
            }

            @Override
            public boolean commitIfAllowed(String runId, String stepId, Runnable commit) {
                Boolean committed = commitTx.execute(status -> {
                    if (!holds(run, runId, stepId, " FOR SHARE")) {
                        return false;
                    }
                    commit.run();
                    return true;
                });
                return Boolean.TRUE.equals(committed);
            }
        };
    }

    private boolean holds(ActiveRun run, String runId, String stepId, String lock) {
        boolean holds = !jdbc.sql("SELECT 1 FROM runs WHERE id = :id AND fencing_token = :token"
                        + " AND status IN ('RUNNING', 'CANCELING')" + lock)
                .param("id", UUID.fromString(runId)).param("token", run.token)
                .query(Integer.class).list().isEmpty();
        if (!holds) {
            run.lost = true;
            LOG.warn("Run {} step {}: this worker no longer holds the run; its results are not recorded",
                    runId, stepId);
        }
        return holds;
    }

    private void finish(ActiveRun run, RunResult result, Throwable error) {
        if (error != null) {
            end(run, RunStatus.FAILURE, "The run ended abnormally: " + error);
        } else if (result.outcome() == RunOutcome.SUCCESS) {
            end(run, RunStatus.SUCCESS, null);
        } else if (result.outcome() == RunOutcome.FAILURE) {
            end(run, RunStatus.FAILURE, failureSummary(result));
        } else {
            end(run, RunStatus.CANCELED, null);
        }
    }

    private static String failureSummary(RunResult result) {
        StringBuilder sb = new StringBuilder();
        for (StepReport r : result.failures()) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append("step ").append(r.stepId()).append(" failed");
            if (r.error() != null) {
                sb.append(": ").append(r.error().getClass().getSimpleName()).append(": ")
                        .append(r.error().getMessage());
            }
        }
        return sb.isEmpty() ? "a blocking check failed or a step could not commit" : sb.toString();
    }

    /** Ends a run after its last events are written; fenced, so a run that was taken over is left alone. */
    private void end(ActiveRun run, RunStatus outcome, String error) {
        try {
            sink.flush();
            if (run.lost) {
                return;
            }
            // A cancel can land between reading the status and the transition: then read again and re-decide.
            for (int attempt = 1; ; attempt++) {
                try {
                    runs.transitionFenced(run.id, run.token, EnumSet.of(RunStatus.STARTING, RunStatus.RUNNING,
                            RunStatus.CANCELING), endStatus(runs.get(run.id).status(), outcome), error);
                    break;
                } catch (IllegalRunTransitionException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
        } catch (IllegalRunTransitionException e) {
            LOG.warn("Run {}: its end ({}) was not recorded: {}", run.id, outcome, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Run {}: could not record its end ({}); another worker will take it over", run.id, outcome, e);
        } finally {
            sink.unregister(run.id);
            active.remove(run.id);
            synchronized (idle) {
                idle.notifyAll();
            }
            wake();
        }
    }

    /** The status a run ends in, given its status now and how its execution ended. */
    private static RunStatus endStatus(RunStatus current, RunStatus outcome) {
        if (current == RunStatus.CANCELING && outcome == RunStatus.SUCCESS) {
            // Canceled too late to stop anything: it still ends as the cancel asked.
            return RunStatus.CANCELED;
        }
        if (current != RunStatus.CANCELING && outcome == RunStatus.CANCELED) {
            // Canceled by this node stopping, not by a user: another worker resumes it.
            return RunStatus.QUEUED;
        }
        return outcome;
    }

    private void heartbeat() {
        for (ActiveRun run : active.values()) {
            if (!run.lost && !runs.heartbeat(run.id, run.token)) {
                run.lost = true;
                LOG.warn("Run {} is no longer held by worker {}: stopping it here", run.id, workerId);
                run.cancel();
            }
        }
        // Cancels announced while this node was not listening are seen here.
        for (ActiveRun run : active.values()) {
            if (!run.isCancelRequested() && runs.find(run.id).map(r -> r.status() == RunStatus.CANCELING)
                    .orElse(false)) {
                run.cancel();
            }
        }
        lastHeartbeatAt = Instant.now();
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
        wake();
        notifications.close();
        executor.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        synchronized (idle) {
            long left;
            while (!active.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        timers.shutdownNow();
        finishers.shutdown();
        sink.close();
        running = false;
    }

    /** A run this worker holds. */
    private static final class ActiveRun {
        final String id;
        final long token;
        volatile boolean lost;
        private RunHandle handle;
        private boolean cancelRequested;

        ActiveRun(String id, long token) {
            this.id = id;
            this.token = token;
        }

        synchronized void started(RunHandle h) {
            this.handle = h;
            if (cancelRequested) {
                h.cancel();
            }
        }

        synchronized void cancel() {
            cancelRequested = true;
            if (handle != null) {
                handle.cancel();
            }
        }

        synchronized boolean isCancelRequested() {
            return cancelRequested;
        }
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
