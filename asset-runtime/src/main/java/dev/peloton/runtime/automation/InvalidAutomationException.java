package dev.peloton.runtime.automation;

/** A schedule or sensor declared wrongly: bad cron expression, unknown time zone, bad interval, duplicate name. */
public final class InvalidAutomationException extends IllegalArgumentException {

    public InvalidAutomationException(String message) {
        super(message);
    }

    public InvalidAutomationException(String message, Throwable cause) {
        super(message, cause);
    }
}
