package dev.peloton.runtime.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The arguments after {@code peloton}: command words in order, and the options. Options take their value as the
 * next argument or after {@code =}. Arguments of the form {@code --some.property=value} are Spring Boot properties
 * (Boot has already applied them) and are left out.
 *
 * @param words      the command words and positional arguments ({@code materialize}, {@code race/stages})
 * @param partitions {@code --partition K}, repeatable
 * @param range      {@code --range A..B}, or {@code null}
 * @param policy     {@code --policy per-partition|chunks=K|single-run}, or {@code null}
 * @param waits      {@code --wait}
 * @param json       {@code --json}
 * @param timeout    {@code --timeout 10m}: how long {@code --wait} waits at most, or {@code null} for no limit
 */
public record CliArguments(List<String> words, List<String> partitions, String range, String policy, boolean waits,
        boolean json, Duration timeout) {

    private static final Set<String> WITH_VALUE = Set.of("--partition", "--range", "--policy", "--timeout");
    private static final Set<String> FLAGS = Set.of("--wait", "--json");

    public static CliArguments parse(List<String> args) {
        List<String> words = new ArrayList<>();
        List<String> partitions = new ArrayList<>();
        String range = null;
        String policy = null;
        boolean waits = false;
        boolean json = false;
        Duration timeout = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                words.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException("Option " + name + " takes no value, got '" + arg + "'");
                }
                waits |= name.equals("--wait");
                json |= name.equals("--json");
                continue;
            }
            if (!WITH_VALUE.contains(name)) {
                if (eq > 0 && name.contains(".")) {
                    continue; // a Spring Boot property such as --spring.datasource.url=...
                }
                throw new UsageException("Unknown option '" + arg + "'; options are --partition, --range, --policy,"
                        + " --wait, --timeout and --json");
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException("Option " + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (value.isBlank()) {
                throw new UsageException("Option " + name + " needs a value, got an empty one");
            }
            switch (name) {
                case "--partition" -> partitions.add(value);
                case "--range" -> {
                    if (range != null) {
                        throw new UsageException("Option --range is given twice ('" + range + "' and '" + value
                                + "'); give one range");
                    }
                    range = value;
                }
                case "--policy" -> policy = value;
                default -> timeout = parseTimeout(value);
            }
        }
        return new CliArguments(List.copyOf(words), List.copyOf(partitions), range, policy, waits, json, timeout);
    }

    private static Duration parseTimeout(String value) {
        try {
            Duration d = org.springframework.boot.convert.DurationStyle.detectAndParse(value);
            if (d.isNegative() || d.isZero()) {
                throw new UsageException("Option --timeout must be positive, got '" + value + "'");
            }
            return d;
        } catch (IllegalArgumentException e) {
            if (e instanceof UsageException u) {
                throw u;
            }
            throw new UsageException("Option --timeout needs a duration such as 90s or 10m, got '" + value + "'");
        }
    }

    /** The range {@code A..B} as its two keys. */
    public String[] rangeKeys() {
        int dots = range.indexOf("..");
        if (dots <= 0 || dots + 2 >= range.length() || range.indexOf("..", dots + 2) >= 0) {
            throw new UsageException("Option --range needs two partition keys as FIRST..LAST, got '" + range + "'");
        }
        return new String[] {range.substring(0, dots), range.substring(dots + 2)};
    }
}
