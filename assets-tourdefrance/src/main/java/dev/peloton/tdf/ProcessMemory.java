package dev.peloton.tdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory figures read from Linux's {@code /proc}: this JVM's peak resident set ({@code VmHWM}, which includes
 * DuckDB's native memory, not only the heap), and a sampler of a process tree's proportional set size (PSS: shared
 * pages split between the processes sharing them, so summing over PostgreSQL's backends does not count its shared
 * buffers once per backend). Empty where {@code /proc} does not exist.
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** This JVM's peak resident set in kB. */
    static OptionalLong peakRssKb() {
        return field(Path.of("/proc/self/status"), "VmHWM:");
    }

    /** A {@code kB} field of a {@code /proc} file ({@code VmHWM:} of {@code status}, {@code Pss:} of {@code smaps_rollup}). */
    static OptionalLong field(Path file, String name) {
        try {
            return parse(Files.readString(file), name);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The value of a {@code Name:   1234 kB} line, in kB. */
    static OptionalLong parse(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name)) {
                String value = line.substring(name.length()).trim();
                int space = value.indexOf(' ');
                return OptionalLong.of(Long.parseLong(space < 0 ? value : value.substring(0, space)));
            }
        }
        return OptionalLong.empty();
    }

    /** The summed PSS of a process and its children (kB), or empty when it cannot be read. */
    static OptionalLong treePssKb(long pid) {
        OptionalLong root = field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
        if (root.isEmpty()) {
            return root;
        }
        long[] total = {root.getAsLong()};
        ProcessHandle.of(pid).ifPresent(h -> h.children().forEach(child -> total[0] +=
                field(Path.of("/proc", Long.toString(child.pid()), "smaps_rollup"), "Pss:").orElse(0)));
        return OptionalLong.of(total[0]);
    }

    /** The parent of a process, from {@code /proc/<pid>/stat}. */
    static OptionalLong parentOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (comm) state ppid ...; comm may hold spaces and parentheses, so read after the last ')'.
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(rest[1]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Samples a process tree's PSS on a daemon thread and keeps the highest total. */
    static final class TreeSampler implements AutoCloseable {

        private final long pid;
        private final AtomicLong peakKb = new AtomicLong(-1);
        private final Thread thread;
        private volatile boolean running = true;

        TreeSampler(long pid, long intervalMillis) {
            this.pid = pid;
            this.thread = Thread.ofPlatform().daemon().name("tdf-bench-memory").unstarted(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(intervalMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.start();
        }

        void sample() {
            treePssKb(pid).ifPresent(kb -> peakKb.accumulateAndGet(kb, Math::max));
        }

        /** The highest total seen, in kB; empty when no sample could be read. */
        OptionalLong peakKb() {
            long v = peakKb.get();
            return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            sample();
        }
    }
}
