package dev.peloton.runtime.automation;

/** What starts runs on its own: a schedule or a sensor. */
public enum InstigatorKind {
    SCHEDULE,
    SENSOR
}
