package dev.peloton.core;

/** How serious a failed check is. */
public enum Severity {
    WARN,
    ERROR
}
