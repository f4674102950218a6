package dev.peloton.core;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often and how soon a failed step is tried again.
 *
 * @param maxRetries retries after the first attempt; 0 means none
 * @param delay      delay before the first retry
 * @param backoff    how the delay grows
 * @param jitter     add up to half the delay at random
 */
public record RetryPolicy(int maxRetries, Duration delay, Backoff backoff, boolean jitter) {

    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Backoff.CONSTANT, false);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive, was " + delay);
        }
        if (backoff == null) {
            throw new IllegalArgumentException("backoff must be given");
        }
    }

    public static RetryPolicy of(int maxRetries, Duration delay) {
        return new RetryPolicy(maxRetries, delay, Backoff.CONSTANT, false);
    }

    /**
     * The delay before retry number {@code retry} (1 for the first retry).
     */
    public Duration delayBefore(int retry, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, was " + retry);
        }
        long base = delay.toMillis();
        long millis = switch (backoff) {
            case CONSTANT -> base;
            case LINEAR -> Math.multiplyExact(base, retry);
            case EXPONENTIAL -> base << Math.min(retry - 1, 30);
        };
        if (jitter && millis > 0) {
            millis += random.nextLong(millis / 2 + 1);
        }
        return Duration.ofMillis(millis);
    }
}
