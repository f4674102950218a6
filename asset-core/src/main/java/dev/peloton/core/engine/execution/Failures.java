package dev.peloton.core.engine.execution;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Exceptions in words, for events and failure records. */
final class Failures {

    private Failures() {
    }

    /** The full stack trace with causes and suppressed exceptions, as {@code printStackTrace} prints it. */
    static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter(1024);
        try (PrintWriter writer = new PrintWriter(out)) {
            t.printStackTrace(writer);
        }
        return out.toString();
    }

    /** {@code ClassName: message}, or the class name alone. */
    static String summary(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isEmpty() ? t.getClass().getName() : t.getClass().getName() + ": " + message;
    }
}
