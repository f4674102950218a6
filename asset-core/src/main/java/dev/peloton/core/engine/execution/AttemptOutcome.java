package dev.peloton.core.engine.execution;

import java.time.Duration;

/** How one attempt of a step ended. */
sealed interface AttemptOutcome {

    /** Stopped before it started (while waiting for permits): the run was stopping. */
    record NotStarted() implements AttemptOutcome {
    }

    /**
     * Every partition committed.
     *
     * @param blockingCheckId the first blocking check that failed, or {@code null}
     * @param blockingReason  that check's failure in words
     */
    record Succeeded(Duration duration, String blockingCheckId, String blockingReason) implements AttemptOutcome {
    }

    record Failed(Throwable error) implements AttemptOutcome {
    }

    /** Stopped at a safe point because the run was stopping. */
    record Canceled() implements AttemptOutcome {
    }

    /** The step gate refused the commit. */
    record Refused(StepCommitRefusedException error) implements AttemptOutcome {
    }
}
