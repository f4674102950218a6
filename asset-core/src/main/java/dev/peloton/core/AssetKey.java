package dev.peloton.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The key of an asset: a path of segments, written {@code warehouse/stage_results}.
 * Segments are letters, digits, {@code _}, {@code -} and {@code .}, and start with a letter, digit or {@code _}.
 */
public record AssetKey(List<String> path) implements Comparable<AssetKey> {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

    public AssetKey {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("An asset key needs at least one segment");
        }
        for (String segment : path) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("Invalid asset key '" + String.join("/", path)
                        + "': segment '" + segment + "' must match " + SEGMENT.pattern());
            }
        }
    }

    /** Parses {@code a/b/c}. */
    public static AssetKey parse(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("An asset key must not be blank");
        }
        return new AssetKey(List.of(key.split("/", -1)));
    }

    public static AssetKey of(String... segments) {
        return new AssetKey(List.of(segments));
    }

    /** Whether {@code key} would parse, without throwing. */
    public static boolean isValid(String key) {
        if (key == null || key.isBlank()) {
            return false;
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    public String name() {
        return path.get(path.size() - 1);
    }

    public AssetKey withPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        return parse(prefix + "/" + this);
    }

    @Override
    public int compareTo(AssetKey other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return String.join("/", path);
    }
}
