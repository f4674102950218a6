package dev.peloton.core.engine.execution;

import dev.peloton.core.engine.event.EventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Runs plans in this process. Each step attempt runs on a virtual thread of its own (asset code often blocks on
 * IO); a semaphore bounds how many run at once across all runs of the executor, and a {@link PoolLimiter} bounds
 * the steps of each concurrency pool. A step starts as soon as every step it depends on succeeded. Retries wait on
 * a timer, never on a sleeping thread.
 *
 * <pre>{@code
 * try (InProcessExecutor executor = InProcessExecutor.builder(graph)
 *         .storage(storage).eventSink(sink).maxConcurrentSteps(8).poolLimits(Map.of("warehouse", 2)).build()) {
 *     RunResult result = executor.start(plan).awaitCompletion();
 * }
 * }</pre>
 */
public final class InProcessExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessExecutor.class);

    private final ExecutionEnvironment env;
    private final Set<RunExecution> active = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private final ScheduledExecutorService scheduler;

    private InProcessExecutor(Builder b) {
        this.threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("peloton-step-", 0).factory());
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "peloton-executor-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.scheduler = timer;
        this.env = new ExecutionEnvironment(b.graph, b.storage, b.ioManagers, guarded(b.sink), b.poolLimiter,
                Map.copyOf(b.resources), b.clock, threads, new Semaphore(b.maxConcurrentSteps, true), scheduler,
                b.random, b.cancelGracePeriod, b.logEventLevel);
    }

    public static Builder builder(AssetGraph graph) {
        return new Builder(graph);
    }

    /** Starts a run of {@code plan} with a fresh run id. */
    public RunHandle start(Plan plan) {
        return start(plan, RunOptions.defaults());
    }

    /**
     * Starts a run of {@code plan} and returns at once.
     *
     * @throws InvalidPlanException before anything runs or is reported, when the plan does not fit the graph (unknown
     *                              assets, partition indices out of range, dependencies out of order, IO managers
     *                              not registered, completed steps not in the plan)
     */
    public RunHandle start(Plan plan, RunOptions options) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(options, "options");
        if (scheduler.isShutdown()) {
            throw new IllegalStateException("This executor is closed: it cannot start run '" + options.runId() + "'");
        }
        ResolvedStep[] steps = PlanResolver.resolve(plan, env.graph(), env.ioManagers(), options.completedSteps());
        RunExecution[] self = new RunExecution[1];
        RunExecution execution = new RunExecution(env, options, steps, () -> active.remove(self[0]));
        self[0] = execution;
        active.add(execution);
        execution.start();
        return new RunHandle(execution);
    }

    /** Runs {@code plan} and waits for it to end. */
    public RunResult run(Plan plan) throws InterruptedException {
        return start(plan).awaitCompletion();
    }

    public RunResult run(Plan plan, RunOptions options) throws InterruptedException {
        return start(plan, options).awaitCompletion();
    }

    public AssetGraph graph() {
        return env.graph();
    }

    public AssetStateStorage storage() {
        return env.storage();
    }

    public IOManagerRegistry ioManagers() {
        return env.ioManagers();
    }

    /** Cancels the runs still going and stops the executor's threads; runs cannot start any more. */
    @Override
    public void close() {
        for (RunExecution execution : active) {
            execution.cancel();
        }
        scheduler.shutdown();
        threads.shutdown();
    }

    /** A sink that throws loses that event, not the run: the executor logs the error and goes on. */
    private static EventSink guarded(EventSink sink) {
        return event -> {
            try {
                sink.accept(event);
            } catch (RuntimeException e) {
                LOG.error("Run {}: the event sink failed on {}", event.runId(), event.getClass().getSimpleName(), e);
            }
        };
    }

    /** Options of an executor; every one has a default. */
    public static final class Builder {
        private final AssetGraph graph;
        private AssetStateStorage storage = new InMemoryAssetStateStorage();
        private IOManagerRegistry ioManagers = IOManagerRegistry.inMemory();
        private EventSink sink = EventSink.NONE;
        private PoolLimiter poolLimiter = PoolLimiter.unlimited();
        private final Map<String, Object> resources = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private int maxConcurrentSteps = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
        private RandomGenerator random = new SplittableRandom();
        private Duration cancelGracePeriod = Duration.ofSeconds(10);
        private Level logEventLevel = Level.DEBUG;

        private Builder(AssetGraph graph) {
            this.graph = Objects.requireNonNull(graph, "graph");
        }

        /** Where materializations and failures are recorded; in memory by default. */
        public Builder storage(AssetStateStorage v) {
            this.storage = Objects.requireNonNull(v, "storage");
            return this;
        }

        /** The IO managers; an in-memory default only, by default. */
        public Builder ioManagers(IOManagerRegistry v) {
            this.ioManagers = Objects.requireNonNull(v, "ioManagers");
            return this;
        }

        /** Receives every {@link RunEvent}; none by default. */
        public Builder eventSink(EventSink v) {
            this.sink = Objects.requireNonNull(v, "eventSink");
            return this;
        }

        /** How many step attempts run at once across all runs; at least 1 (default: 8, or twice the cores). */
        public Builder maxConcurrentSteps(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maxConcurrentSteps must be at least 1, was " + v);
            }
            this.maxConcurrentSteps = v;
            return this;
        }

        /** Limits per concurrency pool in this process (see {@link PoolLimiter#local}). */
        public Builder poolLimits(Map<String, Integer> limits) {
            this.poolLimiter = PoolLimiter.local(limits);
            return this;
        }

        /** The pool limiter, for a limit shared with other processes; unlimited by default. */
        public Builder poolLimiter(PoolLimiter v) {
            this.poolLimiter = Objects.requireNonNull(v, "poolLimiter");
            return this;
        }

        /** A resource asset code gets with {@code AssetContext.resource(name, type)}. */
        public Builder resource(String name, Object resource) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A resource needs a name, got '" + name + "'");
            }
            this.resources.put(name, Objects.requireNonNull(resource, () -> "resource '" + name + "' is null"));
            return this;
        }

        public Builder resources(Map<String, ?> v) {
            v.forEach(this::resource);
            return this;
        }

        /** The clock of event timestamps and records. */
        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /** Random numbers for retry jitter. */
        public Builder random(RandomGenerator v) {
            this.random = Objects.requireNonNull(v, "random");
            return this;
        }

        /** How long a canceled step may go on computing before its thread is interrupted (default 10 s). */
        public Builder cancelGracePeriod(Duration v) {
            if (v == null || v.isNegative()) {
                throw new IllegalArgumentException("cancelGracePeriod must be zero or positive, was " + v);
            }
            this.cancelGracePeriod = v;
            return this;
        }

        /** The lowest level of {@code AssetContext.log()} lines recorded as events (default DEBUG). */
        public Builder logEventLevel(Level v) {
            this.logEventLevel = Objects.requireNonNull(v, "logEventLevel");
            return this;
        }

        public InProcessExecutor build() {
            return new InProcessExecutor(this);
        }
    }
}
