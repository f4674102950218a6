package dev.peloton.runtime.worker;

import dev.peloton.core.engine.execution.InProcessExecutor;
import dev.peloton.core.engine.execution.RunHandle;
import dev.peloton.core.engine.execution.RunOptions;
import dev.peloton.core.engine.execution.StepGate;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlannedStep;
import dev.peloton.runtime.run.PlanCodec;
import dev.peloton.runtime.storage.IllegalRunTransitionException;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.storage.StepStorage;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims queued runs up to {@code peloton.runs.max-concurrent} and launches them on the executor. Its thread
 * looks for runs when woken (a notification, a freed slot) or at each poll interval otherwise.
 */
final class RunDispatcher {

    // The worker's logger, so its log lines keep their name whichever class writes them.
    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);

    private final String workerId;
    private final RunStorage runs;
    private final StepStorage steps;
    private final CommittedSteps committedSteps;
    private final PlanCodec codec = new PlanCodec();
    private final BatchingEventSink sink;
    private final InProcessExecutor executor;
    private final ActiveRuns active;
    private final Function<ActiveRun, StepGate> gates;
    private final RunEnder ender;
    private final Consumer<RunRecord> claimed;
    private final int maxConcurrent;
    private final long pollNanos;
    private final Thread thread;
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition wakeUp = wakeLock.newCondition();
    private boolean wakeRequested;
    private volatile boolean stopping;

    RunDispatcher(String workerId, RunStorage runs, StepStorage steps, CommittedSteps committedSteps,
            BatchingEventSink sink, InProcessExecutor executor, ActiveRuns active,
            Function<ActiveRun, StepGate> gates, RunEnder ender, Consumer<RunRecord> claimed, int maxConcurrent,
            long pollNanos) {
        this.workerId = workerId;
        this.runs = runs;
        this.steps = steps;
        this.committedSteps = committedSteps;
        this.sink = sink;
        this.executor = executor;
        this.active = active;
        this.gates = gates;
        this.ender = ender;
        this.claimed = claimed;
        this.maxConcurrent = maxConcurrent;
        this.pollNanos = pollNanos;
        this.thread = Thread.ofPlatform().daemon().name("peloton-run-dispatcher").unstarted(this::dispatchLoop);
    }

    void start() {
        thread.start();
    }

    /** Stops claiming: the thread ends after its current pass. */
    void stop() {
        stopping = true;
        wake();
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
        while (!stopping) {
            wakeLock.lock();
            try {
                if (!wakeRequested) {
                    wakeUp.awaitNanos(pollNanos);
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
        int free = maxConcurrent - active.size();
        while (free > 0 && !stopping) {
            List<RunRecord> batch = runs.claimNext(workerId, free);
            for (RunRecord run : batch) {
                claimed.accept(run);
                launch(run);
            }
            if (batch.size() < free) {
                return;
            }
            free = maxConcurrent - active.size();
        }
    }

    private void launch(RunRecord claimedRun) {
        String id = claimedRun.id();
        long token = claimedRun.fencingToken();
        ActiveRun run = new ActiveRun(id, token);
        active.put(run);
        try {
            Plan plan = codec.read(claimedRun.planJson(), "Run " + id);
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
            RunHandle handle = executor.start(plan, new RunOptions(id, completed, gates.apply(run)));
            run.started(handle);
            ender.endWhenDone(run, handle);
        } catch (RuntimeException e) {
            LOG.error("Run {} could not start", id, e);
            ender.end(run, RunStatus.FAILURE, "The run could not start: " + e.getMessage());
        }
    }
}
