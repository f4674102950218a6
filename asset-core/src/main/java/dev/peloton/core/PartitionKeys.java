package dev.peloton.core;

import java.util.Optional;

/** The rules a key added at run time must follow, so that it can be stored, listed and combined. */
final class PartitionKeys {

    /** Longest key accepted, in characters. */
    static final int MAX_LENGTH = 255;

    private PartitionKeys() {
    }

    /** What is wrong with {@code key}, or empty when it is a valid key. */
    static Optional<String> problem(String key) {
        if (key == null) {
            return Optional.of("it is null");
        }
        if (key.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (key.length() > MAX_LENGTH) {
            return Optional.of("it is " + key.length() + " characters long, more than " + MAX_LENGTH);
        }
        if (!key.strip().equals(key)) {
            return Optional.of("it starts or ends with white space");
        }
        if (key.indexOf(MultiPartitions.SEPARATOR) >= 0) {
            return Optional.of("it contains '" + MultiPartitions.SEPARATOR
                    + "', which separates the dimensions of multi-dimensional keys");
        }
        if (key.contains(",")) {
            return Optional.of("it contains ',', which separates keys in lists");
        }
        if (key.contains("..")) {
            return Optional.of("it contains '..', which separates the ends of key ranges");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                return Optional.of("it contains the control character U+"
                        + String.format("%04X", (int) key.charAt(i)) + " at position " + i);
            }
        }
        return Optional.empty();
    }
}
