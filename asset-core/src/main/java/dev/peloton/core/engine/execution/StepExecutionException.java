package dev.peloton.core.engine.execution;

/**
 * A step failed outside the asset's own code: loading an input, storing an output, recording a materialization,
 * or the compute returned something unusable. The message names the step, the asset and the partitions.
 */
public class StepExecutionException extends RuntimeException {

    public StepExecutionException(String message) {
        super(message);
    }

    public StepExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
