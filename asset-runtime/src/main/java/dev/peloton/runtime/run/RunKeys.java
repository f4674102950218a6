package dev.peloton.runtime.run;

/**
 * Where a run key is kept in the {@code run_keys} table: {@code schedule:<name>:<key>} and
 * {@code sensor:<name>:<key>} belong to that schedule or sensor; any other key is a request's own.
 */
record RunKeys(String kind, String name, String key) {

    static RunKeys parse(String runKey) {
        if (runKey.isBlank()) {
            throw new IllegalArgumentException("A run key must not be blank");
        }
        for (String kind : new String[] {"schedule", "sensor"}) {
            String prefix = kind + ":";
            if (runKey.startsWith(prefix)) {
                int end = runKey.indexOf(':', prefix.length());
                if (end > prefix.length()) {
                    return new RunKeys(kind.toUpperCase(java.util.Locale.ROOT),
                            runKey.substring(prefix.length(), end), runKey.substring(end + 1));
                }
            }
        }
        return new RunKeys("REQUEST", "", runKey);
    }
}
