package dev.peloton.runtime.run;

import dev.peloton.core.engine.plan.Plan;
import dev.peloton.runtime.storage.RunRecord;
import java.util.List;
import java.util.Optional;

/**
 * Admission of runs: turns requests into plans and writes them as QUEUED runs, in the same transaction that accepts
 * them, so that an accepted request is never lost. Workers (see the run launcher) claim them from there.
 */
public interface RunCoordinator {

    /** The plan a request would run, without queueing anything. */
    Plan preview(RunRequest request);

    /**
     * Plans and queues one run.
     *
     * @return the queued run, or empty when the request's run key was already used or the plan is empty
     */
    Optional<RunRecord> submit(RunRequest request);

    /** Plans and queues many runs in few transactions (backfills); requests with a used run key are left out. */
    List<RunRecord> submitAll(List<RunRequest> requests);

    /** Asks a run to stop: a queued run is canceled at once, a running one cooperatively, then interrupted. */
    RunRecord cancel(String runId);

    /** Queues a new run with only the failed and skipped steps of {@code runId} (and what they need). */
    RunRecord reexecuteFromFailure(String runId);
}
