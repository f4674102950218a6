package dev.peloton.runtime.storage;

/** A run status change that was refused; the run is unchanged. */
public final class IllegalRunTransitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String runId;
    private final RunStatus current;
    private final RunStatus requested;

    public IllegalRunTransitionException(String runId, RunStatus current, RunStatus requested, String why) {
        super("Run " + runId + " cannot go from " + current + " to " + requested + ": " + why);
        this.runId = runId;
        this.current = current;
        this.requested = requested;
    }

    public String runId() {
        return runId;
    }

    /** The status the run had, and still has. */
    public RunStatus current() {
        return current;
    }

    public RunStatus requested() {
        return requested;
    }
}
