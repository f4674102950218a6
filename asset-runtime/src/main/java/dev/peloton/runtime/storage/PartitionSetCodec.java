package dev.peloton.runtime.storage;

import dev.peloton.core.PartitionSet;

/**
 * The text form of a {@link PartitionSet} in storage: inclusive index ranges separated by commas,
 * {@code "0-364,400,500-999"}; the empty set is {@code ""}. Its length grows with the number of ranges,
 * never with the number of partitions.
 */
public final class PartitionSetCodec {

    private PartitionSetCodec() {
    }

    public static String encode(PartitionSet set) {
        StringBuilder sb = new StringBuilder(set.rangeCount() * 12);
        for (int i = 0; i < set.rangeCount(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            long first = set.rangeStart(i);
            long last = set.rangeEnd(i) - 1;
            sb.append(first);
            if (last != first) {
                sb.append('-').append(last);
            }
        }
        return sb.toString();
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException naming the bad range and its position when the text is not a partition set
     */
    public static PartitionSet decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("A partition set text must not be null");
        }
        if (text.isEmpty()) {
            return PartitionSet.empty();
        }
        PartitionSet.Builder builder = PartitionSet.builder();
        String[] ranges = text.split(",", -1);
        long previousLast = -1;
        for (int i = 0; i < ranges.length; i++) {
            String range = ranges[i];
            int dash = range.indexOf('-');
            long first = parseIndex(text, i, range, dash < 0 ? range : range.substring(0, dash));
            long last = dash < 0 ? first : parseIndex(text, i, range, range.substring(dash + 1));
            if (last < first) {
                throw invalid(text, i, range, "its end is before its start");
            }
            if (i > 0 && first <= previousLast) {
                throw invalid(text, i, range, "ranges must be in increasing order without overlap");
            }
            if (last == Long.MAX_VALUE) {
                throw invalid(text, i, range, "index too large");
            }
            builder.addRange(first, last + 1);
            previousLast = last;
        }
        return builder.build();
    }

    private static long parseIndex(String text, int position, String range, String number) {
        if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text, position, range, "expected a partition index (digits) or 'first-last'");
        }
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw invalid(text, position, range, "index too large");
        }
    }

    private static IllegalArgumentException invalid(String text, int position, String range, String why) {
        return new IllegalArgumentException("Invalid partition set '" + text + "': range " + (position + 1)
                + " ('" + range + "') is invalid: " + why);
    }
}
