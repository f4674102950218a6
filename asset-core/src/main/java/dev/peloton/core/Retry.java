package dev.peloton.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The retry policy of an asset: see {@link RetryPolicy}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Retry {

    int maxRetries();

    /** Delay before the first retry, in milliseconds. */
    long delayMillis() default 1000;

    Backoff backoff() default Backoff.EXPONENTIAL;

    /** Spread the delay by up to half of itself, so that retries of many steps do not arrive together. */
    boolean jitter() default true;
}
