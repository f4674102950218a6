package dev.peloton.runtime.api;

import dev.peloton.runtime.storage.RunIds;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parsing of query and path parameters into values, each failure a 400 that names the parameter. */
final class Params {

    private Params() {
    }

    /** {@code text} as an int in {@code min..max}, or {@code fallback} when absent. */
    static int intInRange(String parameter, String text, int fallback, int min, int max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(parameter, text, "Parameter '" + parameter + "' must be a whole number"
                    + " between " + min + " and " + max + ", got '" + text + "'");
        }
        if (value < min || value > max) {
            throw ApiException.badParameter(parameter, text, "Parameter '" + parameter + "' must be between " + min
                    + " and " + max + ", got " + text);
        }
        return (int) value;
    }

    /** {@code text} as a non-negative long, or {@code fallback} when absent. */
    static long nonNegativeLong(String parameter, String text, long fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter(parameter, text, "Parameter '" + parameter
                + "' must be a whole number >= 0, got '" + text + "'");
    }

    /** {@code text} as a long >= 1 (an id used as a cursor). */
    static long positiveLong(String parameter, String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter(parameter, text, "Parameter '" + parameter
                + "' must be a whole number >= 1 (the nextBefore of the previous page), got '" + text + "'");
    }

    /** {@code text} as an ISO-8601 instant ({@code 2023-07-01T00:00:00Z}), or null when absent. */
    static Instant instant(String parameter, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(parameter, text, "Parameter '" + parameter
                    + "' must be an ISO-8601 instant such as 2023-07-01T00:00:00Z, got '" + text + "'");
        }
    }

    /** A backfill id, validated as a UUID before it reaches storage. */
    static String backfillId(String parameter, String text) {
        try {
            return RunIds.parse(text).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(parameter, text, "Parameter '" + parameter + "': "
                    + e.getMessage().replace("Invalid run id", "Invalid backfill id"));
        }
    }

    /** A run (or backfill) id, validated as a UUID before it reaches storage. */
    static String runId(String parameter, String text) {
        try {
            return RunIds.parse(text).toString();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (parameter.equals("backfill")) {
                message = message.replace("Invalid run id", "Invalid backfill id");
            }
            throw ApiException.badParameter(parameter, text, "Parameter '" + parameter + "': " + message);
        }
    }
}
