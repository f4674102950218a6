package dev.peloton.core.engine.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Close matches for a mistyped name (an asset key, a group, an owner), for "did you mean" hints. */
public final class KeySuggestions {

    private KeySuggestions() {
    }

    /**
     * Up to {@code max} candidates close to {@code wanted}, closest first: those within a small edit distance,
     * and those whose last path segment equals {@code wanted}'s (a key typed without its prefix).
     */
    public static List<String> closest(String wanted, Collection<String> candidates, int max) {
        record Scored(String candidate, int distance) {
        }
        int limit = Math.max(2, wanted.length() / 3);
        String wantedName = lastSegment(wanted);
        List<Scored> scored = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate.equals(wanted)) {
                continue;
            }
            int d = lastSegment(candidate).equalsIgnoreCase(wantedName) ? 0
                    : distance(wanted.toLowerCase(), candidate.toLowerCase(), limit);
            if (d <= limit) {
                scored.add(new Scored(candidate, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate));
        return scored.stream().limit(max).map(Scored::candidate).toList();
    }

    /** " (did you mean 'a' or 'b'?)", or "" when nothing is close. */
    public static String hint(String wanted, Collection<String> candidates) {
        List<String> close = closest(wanted, candidates, 3);
        if (close.isEmpty()) {
            return "";
        }
        return " (did you mean '" + String.join("' or '", close) + "'?)";
    }

    private static String lastSegment(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }

    /** Levenshtein distance, giving up (returning limit + 1) once it must exceed {@code limit}. */
    private static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
