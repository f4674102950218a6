package dev.peloton.runtime.automation;

/** The body of a sensor: looks at the world since its cursor and says what to run. */
@FunctionalInterface
public interface SensorEvaluator {

    /** Exceptions are recorded as a FAILURE tick; the cursor stays where it was and the sensor keeps running. */
    SensorResult evaluate(SensorContext context) throws Exception;
}
