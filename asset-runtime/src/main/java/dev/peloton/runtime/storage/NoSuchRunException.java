package dev.peloton.runtime.storage;

/** A run id that names no stored run. */
public final class NoSuchRunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String runId;

    public NoSuchRunException(String runId) {
        super("No run with id " + runId);
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
