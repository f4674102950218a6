package dev.peloton.runtime.io;

/** A store or load that failed; the message names the IO manager, the asset and the partitions. */
public class IOManagerException extends RuntimeException {

    public IOManagerException(String message) {
        super(message);
    }

    public IOManagerException(String message, Throwable cause) {
        super(message, cause);
    }
}
