package dev.peloton.core.engine.execution;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.RetryPolicy;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.event.SkipCause;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.state.FailureRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a plan: which steps wait, run, wait to retry or ended, and what happens next. Every change of a
 * step's state happens under one lock, and so does every event that ends a step, so that a run's events tell a
 * consistent story and {@link RunEvent.RunFinished} comes last. Asset code never runs under the lock.
 */
final class RunExecution {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);

    private enum Activity {
        PENDING, RUNNING, RETRY_WAIT, DONE
    }

    private static final class StepState {
        Activity activity = Activity.PENDING;
        StepStatus status;
        int attempts;
        AttemptControl control;
        ScheduledFuture<?> retry;
        Throwable error;
        String reason;
        PartitionSet committed = PartitionSet.empty();
    }

    private final ExecutionEnvironment env;
    private final String runId;
    private final StepGate gate;
    private final ResolvedStep[] steps;
    private final int[][] dependents;
    private final int[] waitingOn;
    private final StepState[] states;
    private final Set<String> completedEarlier;
    private final Runnable onFinish;
    private final Object lock = new Object();
    private final CompletableFuture<RunResult> completion = new CompletableFuture<>();
    private final Map<AssetKey, Map<String, Object>> values = new HashMap<>();
    private volatile boolean cancelRequested;
    private volatile boolean aborted;
    private int unfinished;
    private boolean finished;

    RunExecution(ExecutionEnvironment env, RunOptions options, ResolvedStep[] steps, Runnable onFinish) {
        this.env = env;
        this.runId = options.runId();
        this.gate = options.gate();
        this.steps = steps;
        this.completedEarlier = options.completedSteps();
        this.onFinish = onFinish;
        this.dependents = PlanResolver.dependents(steps);
        this.waitingOn = new int[steps.length];
        this.states = new StepState[steps.length];
        for (int i = 0; i < steps.length; i++) {
            states[i] = new StepState();
        }
    }

    String runId() {
        return runId;
    }

    CompletableFuture<RunResult> completion() {
        return completion;
    }

    boolean isCancelRequested() {
        return cancelRequested;
    }

    /** Whether no step may start any more: canceled, or aborted by a refused commit. */
    private boolean isStopping() {
        return cancelRequested || aborted;
    }

    void start() {
        RunResult result;
        synchronized (lock) {
            Map<String, Integer> index = new HashMap<>(steps.length * 2);
            for (int i = 0; i < steps.length; i++) {
                index.put(steps[i].id(), i);
                if (completedEarlier.contains(steps[i].id())) {
                    states[i].status = StepStatus.COMPLETED_EARLIER;
                    states[i].activity = Activity.DONE;
                } else {
                    unfinished++;
                }
            }
            emit(new RunEvent.RunStarted(runId, now(), steps.length, steps.length - unfinished));
            for (int i = 0; i < steps.length; i++) {
                for (String dependency : new LinkedHashSet<>(steps[i].step().dependsOn())) {
                    if (states[index.get(dependency)].status != StepStatus.COMPLETED_EARLIER) {
                        waitingOn[i]++;
                    }
                }
            }
            for (int i = 0; i < steps.length; i++) {
                if (states[i].activity == Activity.PENDING && waitingOn[i] == 0) {
                    launch(i, 1);
                }
            }
            result = finishIfDone();
        }
        complete(result);
    }

    void cancel() {
        RunResult result;
        synchronized (lock) {
            if (finished || cancelRequested) {
                return;
            }
            cancelRequested = true;
            stop(SkipCause.RUN_CANCELED, "the run was canceled before the step started",
                    "the run was canceled while the step waited to retry");
            Duration grace = env.cancelGracePeriod();
            if (grace.isZero()) {
                graceExpired();
            } else {
                try {
                    env.scheduler().schedule(this::graceExpired, grace.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    graceExpired();
                }
            }
            result = finishIfDone();
        }
        complete(result);
    }

    private void graceExpired() {
        synchronized (lock) {
            for (StepState s : states) {
                if (s.activity == Activity.RUNNING) {
                    s.control.onGraceExpired();
                }
            }
        }
    }

    /** Ends every step not started, stops retries and wakes steps waiting for permits. Under the lock. */
    private void stop(SkipCause cause, String reason, String retryReason) {
        for (int i = 0; i < steps.length; i++) {
            StepState s = states[i];
            switch (s.activity) {
                case PENDING -> {
                    s.reason = reason;
                    terminal(i, StepStatus.NOT_RUN);
                    emit(new RunEvent.StepSkipped(runId, now(), steps[i].id(), cause, null, reason));
                }
                case RETRY_WAIT -> {
                    s.retry.cancel(false);
                    s.reason = retryReason;
                    terminal(i, StepStatus.CANCELED);
                    emit(new RunEvent.StepCanceled(runId, now(), steps[i].id(), s.attempts));
                }
                case RUNNING -> s.control.onStop();
                case DONE -> {
                }
            }
        }
    }

    /** Starts an attempt of step {@code i} on a thread of its own. Under the lock. */
    private void launch(int i, int attempt) {
        StepState s = states[i];
        AttemptControl control = new AttemptControl(this::isStopping);
        s.activity = Activity.RUNNING;
        s.attempts = attempt;
        s.retry = null;
        s.control = control;
        PartitionSet committed = s.committed;
        try {
            env.threads().execute(() -> runAttempt(i, attempt, control, committed));
        } catch (RejectedExecutionException e) {
            s.error = e;
            s.reason = "the executor was closed before the step could start";
            terminal(i, StepStatus.NOT_RUN);
            emit(new RunEvent.StepSkipped(runId, now(), steps[i].id(), SkipCause.RUN_ABORTED, null, s.reason));
        }
    }

    private void runAttempt(int i, int attempt, AttemptControl control, PartitionSet committed) {
        ResolvedStep step = steps[i];
        AttemptOutcome outcome;
        StepRunner runner = null;
        List<PoolLimiter.Permit> permits = new ArrayList<>(step.pools().size());
        boolean slot = false;
        try {
            if (!control.bind(Thread.currentThread())) {
                outcome = new AttemptOutcome.NotStarted();
            } else {
                for (String pool : step.pools()) {
                    permits.add(env.poolLimiter().acquire(pool, runId, step.id()));
                }
                env.slots().acquire();
                slot = true;
                if (!control.enter(AttemptControl.Phase.COMPUTING)) {
                    outcome = new AttemptOutcome.NotStarted();
                } else {
                    emit(new RunEvent.StepStarted(runId, now(), step.id(), attempt));
                    runner = new StepRunner(env, runId, gate, step, attempt, control, committed, this::collect);
                    outcome = runner.run(this::isStopping);
                }
            }
        } catch (InterruptedException e) {
            outcome = isStopping() ? new AttemptOutcome.NotStarted() : new AttemptOutcome.Failed(e);
        } catch (Throwable t) {
            outcome = new AttemptOutcome.Failed(t);
        } finally {
            control.end();
            Thread.interrupted();
            if (slot) {
                env.slots().release();
            }
            for (int p = permits.size() - 1; p >= 0; p--) {
                try {
                    permits.get(p).close();
                } catch (RuntimeException e) {
                    LOG.error("Run {}: releasing a pool permit of step {} failed", runId, step.id(), e);
                }
            }
        }
        attemptEnded(i, attempt, outcome, runner == null ? committed : runner.committed());
    }

    private void attemptEnded(int i, int attempt, AttemptOutcome outcome, PartitionSet committed) {
        RunResult result;
        synchronized (lock) {
            StepState s = states[i];
            s.committed = committed;
            String id = steps[i].id();
            switch (outcome) {
                case AttemptOutcome.NotStarted n -> {
                    s.reason = aborted ? "the run was aborted before the step started"
                            : "the run was canceled before the step started";
                    if (attempt == 1) {
                        terminal(i, StepStatus.NOT_RUN);
                        emit(new RunEvent.StepSkipped(runId, now(), id,
                                aborted ? SkipCause.RUN_ABORTED : SkipCause.RUN_CANCELED, null, s.reason));
                    } else {
                        terminal(i, StepStatus.CANCELED);
                        emit(new RunEvent.StepCanceled(runId, now(), id, attempt));
                    }
                }
                case AttemptOutcome.Canceled c -> {
                    s.reason = aborted ? "stopped because the run was aborted" : "stopped because the run was canceled";
                    terminal(i, StepStatus.CANCELED);
                    emit(new RunEvent.StepCanceled(runId, now(), id, attempt));
                }
                case AttemptOutcome.Succeeded ok -> succeeded(i, attempt, ok);
                case AttemptOutcome.Failed f -> failed(i, attempt, f.error());
                case AttemptOutcome.Refused r -> {
                    s.error = r.error();
                    s.reason = r.error().getMessage();
                    emitFailure(id, r.error(), attempt, false);
                    terminal(i, StepStatus.FAILED);
                    aborted = true;
                    String why = "step '" + id + "' was refused the right to commit its results";
                    stop(SkipCause.RUN_ABORTED, "the run stopped before the step started: " + why,
                            "the run stopped while the step waited to retry: " + why);
                }
            }
            result = finishIfDone();
        }
        complete(result);
    }

    private void succeeded(int i, int attempt, AttemptOutcome.Succeeded ok) {
        String id = steps[i].id();
        emit(new RunEvent.StepSucceeded(runId, now(), id, attempt, ok.duration()));
        if (ok.blockingCheckId() == null) {
            terminal(i, StepStatus.SUCCEEDED);
            for (int d : dependents[i]) {
                if (--waitingOn[d] == 0 && states[d].activity == Activity.PENDING && !isStopping()) {
                    launch(d, 1);
                }
            }
            return;
        }
        String reason = "blocking check '" + ok.blockingCheckId() + "' of step '" + id + "' failed"
                + (ok.blockingReason() == null || ok.blockingReason().isEmpty() ? "" : ": " + ok.blockingReason());
        states[i].reason = reason;
        terminal(i, StepStatus.CHECK_FAILED);
        skipDownstream(i, SkipCause.BLOCKING_CHECK_FAILED, ok.blockingCheckId(), reason);
    }

    private void failed(int i, int attempt, Throwable error) {
        StepState s = states[i];
        String id = steps[i].id();
        s.error = error;
        if (cancelRequested) {
            s.reason = "stopped because the run was canceled";
            terminal(i, StepStatus.CANCELED);
            emit(new RunEvent.StepCanceled(runId, now(), id, attempt));
            return;
        }
        RetryPolicy policy = steps[i].primary().retryPolicy();
        if (!aborted && attempt <= policy.maxRetries()) {
            Duration delay;
            synchronized (env.random()) {
                delay = policy.delayBefore(attempt, env.random());
            }
            emitFailure(id, error, attempt, true);
            emit(new RunEvent.RetryScheduled(runId, now(), id, attempt + 1, delay));
            s.activity = Activity.RETRY_WAIT;
            s.control = null;
            try {
                s.retry = env.scheduler().schedule(() -> retry(i, attempt + 1), delay.toNanos(),
                        TimeUnit.NANOSECONDS);
                return;
            } catch (RejectedExecutionException e) {
                error.addSuppressed(e);
            }
        } else {
            emitFailure(id, error, attempt, false);
        }
        s.reason = Failures.summary(error);
        terminal(i, StepStatus.FAILED);
        recordFailures(i, error);
        skipDownstream(i, SkipCause.UPSTREAM_FAILED, id, "upstream step '" + id + "' failed: "
                + Failures.summary(error));
    }

    private void retry(int i, int attempt) {
        synchronized (lock) {
            if (states[i].activity == Activity.RETRY_WAIT && !isStopping()) {
                launch(i, attempt);
            }
        }
    }

    /** Marks every step downstream of {@code i} that has not started as skipped. Under the lock. */
    private void skipDownstream(int i, SkipCause cause, String causeId, String reason) {
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(i);
        while (!todo.isEmpty()) {
            for (int d : dependents[todo.pop()]) {
                if (states[d].activity == Activity.PENDING) {
                    states[d].reason = reason;
                    terminal(d, StepStatus.SKIPPED);
                    emit(new RunEvent.StepSkipped(runId, now(), steps[d].id(), cause, causeId, reason));
                    todo.push(d);
                }
            }
        }
    }

    /** Records the failure for every asset partition of the step not committed. */
    private void recordFailures(int i, Throwable error) {
        ResolvedStep step = steps[i];
        PartitionSet failed = step.partitionSet().minus(states[i].committed);
        String text = Failures.summary(error);
        Instant at = now();
        try {
            for (AssetDefinition definition : step.definitions()) {
                PrimitiveIterator.OfLong it = failed.iterator();
                while (it.hasNext()) {
                    String key = definition.partitions().keyAt(it.nextLong());
                    env.storage().recordFailure(new FailureRecord(definition.key(), key, runId, text, at));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Run {}: recording the failure of step {} failed", runId, step.id(), e);
        }
    }

    private void terminal(int i, StepStatus status) {
        states[i].status = status;
        states[i].activity = Activity.DONE;
        states[i].control = null;
        unfinished--;
    }

    private void emitFailure(String stepId, Throwable error, int attempt, boolean willRetry) {
        emit(new RunEvent.StepFailed(runId, now(), stepId, error.getClass().getName(), error.getMessage(),
                Failures.stackTrace(error), attempt, willRetry));
    }

    private void collect(AssetKey asset, String partitionKey, Object value) {
        synchronized (values) {
            values.computeIfAbsent(asset, k -> new HashMap<>()).put(partitionKey, value);
        }
    }

    /** The result once every step ended, emitting {@link RunEvent.RunFinished}; null before. Under the lock. */
    private RunResult finishIfDone() {
        if (finished || unfinished > 0) {
            return null;
        }
        finished = true;
        Map<String, StepReport> reports = new LinkedHashMap<>(steps.length * 2);
        for (int i = 0; i < steps.length; i++) {
            StepState s = states[i];
            reports.put(steps[i].id(), new StepReport(steps[i].id(), s.status, s.attempts, s.error, s.reason));
        }
        Map<AssetKey, Map<String, Object>> valueCopy = new HashMap<>();
        synchronized (values) {
            values.forEach((asset, byPartition) ->
                    valueCopy.put(asset, Collections.unmodifiableMap(new HashMap<>(byPartition))));
        }
        RunResult provisional = new RunResult(runId, RunOutcome.SUCCESS, Collections.unmodifiableMap(reports),
                Collections.unmodifiableMap(valueCopy));
        RunResult result = new RunResult(runId, outcome(provisional), provisional.steps(), provisional.values());
        emit(new RunEvent.RunFinished(runId, now(), result.outcome(), result.counts()));
        return result;
    }

    private RunOutcome outcome(RunResult result) {
        var counts = result.counts();
        if (aborted) {
            return RunOutcome.FAILURE;
        }
        if (counts.canceled() > 0 || counts.notRun() > 0) {
            return RunOutcome.CANCELED;
        }
        if (counts.failed() > 0 || counts.skipped() > 0 || counts.checkFailed() > 0) {
            return RunOutcome.FAILURE;
        }
        return RunOutcome.SUCCESS;
    }

    private void complete(RunResult result) {
        if (result != null) {
            onFinish.run();
            completion.complete(result);
        }
    }

    private void emit(RunEvent event) {
        env.sink().accept(event);
    }

    private Instant now() {
        return env.clock().instant();
    }
}
