package dev.peloton.runtime.automation;

import java.util.regex.Pattern;

/** Names of schedules and sensors: they key database rows and Quartz jobs, so they stay plain. */
final class Names {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.\\-]{1,150}");

    private Names() {
    }

    static boolean valid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    static void check(String kind, String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new InvalidAutomationException("Invalid " + kind + " name '" + name
                    + "': use 1 to 150 letters, digits, '_', '-' or '.'");
        }
    }
}
