package dev.peloton.core.engine.execution;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A run that started: follow it, wait for it, or cancel it. */
public final class RunHandle {

    private final RunExecution execution;

    RunHandle(RunExecution execution) {
        this.execution = execution;
    }

    public String runId() {
        return execution.runId();
    }

    /**
     * Asks the run to stop: no step starts any more, {@code AssetContext.isCancelRequested()} turns true, steps
     * waiting for a permit or a retry stop at once, and steps still computing when the grace period ends are
     * interrupted. The run ends CANCELED (unless everything had finished already). Calling it again does nothing.
     */
    public void cancel() {
        execution.cancel();
    }

    public boolean isCancelRequested() {
        return execution.isCancelRequested();
    }

    public boolean isDone() {
        return execution.completion().isDone();
    }

    /** Completes with the result when the run ends. */
    public CompletableFuture<RunResult> completion() {
        return execution.completion().copy();
    }

    /** Waits for the run to end. */
    public RunResult awaitCompletion() throws InterruptedException {
        try {
            return execution.completion().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Run '" + runId() + "' ended abnormally", e.getCause());
        }
    }

    /** Waits at most {@code timeout} for the run to end; empty if it has not. */
    public Optional<RunResult> awaitCompletion(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(execution.completion().get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Run '" + runId() + "' ended abnormally", e.getCause());
        }
    }
}
