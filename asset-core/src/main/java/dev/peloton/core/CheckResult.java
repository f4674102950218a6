package dev.peloton.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of an {@link AssetCheck}.
 *
 * @param passed      whether the check passed
 * @param severity    how serious a failure is
 * @param description what was checked or what went wrong, in words
 * @param metadata    numbers or text that explain the outcome
 */
public record CheckResult(boolean passed, Severity severity, String description, Map<String, Object> metadata) {

    public CheckResult {
        if (severity == null) {
            throw new IllegalArgumentException("severity must be given");
        }
        description = description == null ? "" : description;
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static CheckResult pass() {
        return new CheckResult(true, Severity.ERROR, "", Map.of());
    }

    public static CheckResult pass(String description, Map<String, Object> metadata) {
        return new CheckResult(true, Severity.ERROR, description, metadata);
    }

    public static CheckResult fail(String description) {
        return new CheckResult(false, Severity.ERROR, description, Map.of());
    }

    public static CheckResult fail(Severity severity, String description, Map<String, Object> metadata) {
        return new CheckResult(false, severity, description, metadata);
    }

    /** Passed when {@code condition} holds, else failed with {@code description}. */
    public static CheckResult of(boolean condition, String description, Map<String, Object> metadata) {
        return new CheckResult(condition, Severity.ERROR, description, metadata);
    }
}
