package dev.peloton.runtime.cli;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Where command-line mode writes: results to {@code out}, errors to {@code err}. Standard output and error by
 * default; tests supply their own bean to capture them.
 */
public record CliConsole(PrintStream out, PrintStream err) {

    public CliConsole {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    public static CliConsole system() {
        return new CliConsole(System.out, System.err);
    }
}
