package dev.peloton.core.engine.execution;

/** The {@link StepGate} refused to let a step commit its results. */
public class StepCommitRefusedException extends RuntimeException {

    public StepCommitRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
