package dev.peloton.core;

/** How the delay grows between retries. */
public enum Backoff {
    /** The same delay before every retry. */
    CONSTANT,
    /** Delay times the attempt number. */
    LINEAR,
    /** Delay doubled at every retry. */
    EXPONENTIAL
}
