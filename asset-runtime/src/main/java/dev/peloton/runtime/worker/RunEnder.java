package dev.peloton.runtime.worker;

import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.execution.RunHandle;
import dev.peloton.core.engine.execution.RunResult;
import dev.peloton.core.engine.execution.StepReport;
import dev.peloton.runtime.storage.IllegalRunTransitionException;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the runs this worker holds: SUCCESS, FAILURE, CANCELED or back to QUEUED, after their last events are
 * written and fenced by the claim's token. Then it frees the run's slot and wakes the dispatcher to fill it.
 */
final class RunEnder {

    // The worker's logger, so its log lines keep their name whichever class writes them.
    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);

    private final RunStorage runs;
    private final BatchingEventSink sink;
    private final ActiveRuns active;
    private final Runnable wake;
    private final ExecutorService finishers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("peloton-run-finisher-", 0).factory());

    RunEnder(RunStorage runs, BatchingEventSink sink, ActiveRuns active, Runnable wake) {
        this.runs = runs;
        this.sink = sink;
        this.active = active;
        this.wake = wake;
    }

    /** Ends {@code run} when its execution completes, on a finisher thread. */
    void endWhenDone(ActiveRun run, RunHandle handle) {
        handle.completion().whenCompleteAsync((result, error) -> finish(run, result, error), finishers);
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
    void end(ActiveRun run, RunStatus outcome, String error) {
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
            active.signalIdle();
            wake.run();
        }
    }

    /** The status a run ends in, given its status now and how its execution ended. */
    static RunStatus endStatus(RunStatus current, RunStatus outcome) {
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

    /** Takes no more runs to end; ends already under way go on. */
    void close() {
        finishers.shutdown();
    }
}
