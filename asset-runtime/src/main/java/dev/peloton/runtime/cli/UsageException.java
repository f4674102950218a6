package dev.peloton.runtime.cli;

/** A command line that is not a valid Peloton command: exit code 2, with the message and the usage. */
public final class UsageException extends IllegalArgumentException {

    public UsageException(String message) {
        super(message);
    }
}
