package dev.peloton.core;

/** Puts the valid keys of a {@link TimeWindowPartitions} in words, for error messages and the UI. */
final class TimeWindowDescription {

    /** Exclusions listed by name before "and N more". */
    private static final int LISTED_EXCLUSIONS = 6;

    private TimeWindowDescription() {
    }

    /** "21 daily keys from 2023-07-01 to 2023-07-23 (excluding 2023-07-10, 2023-07-17), time zone Europe/Paris". */
    static String describe(TimeWindowPartitions d) {
        String adjective = d.adjective();
        String unit = d.granularity().unit();
        long size = d.size();
        long first = d.firstWindowNumber();
        long last = d.currentLastNumber();
        StringBuilder sb = new StringBuilder();
        if (size == 0) {
            sb.append("no ").append(adjective).append(" keys yet: the first, ").append(d.firstKey())
                    .append(", comes once its ").append(unit).append(" has ended");
        } else {
            String firstKey = d.keyAt(0);
            String lastKey = d.keyAt(size - 1);
            sb.append(size).append(' ').append(adjective).append(size == 1 ? " key " : " keys ");
            sb.append(size == 1 ? firstKey : "from " + firstKey + " to " + lastKey);
            appendExclusions(sb, d, first, last);
        }
        if (d.isOpenEnded()) {
            sb.append(", open-ended: one more as each ").append(unit).append(" ends");
            if (d.endOffset() != 0) {
                sb.append(" (end offset ").append(d.endOffset()).append(')');
            }
        }
        if (!d.keyFormat().equals(d.granularity().defaultKeyFormat())) {
            sb.append(", key format ").append(d.keyFormat());
        }
        if (d.granularity() == TimeWindowPartitions.Granularity.WEEKLY
                && d.weekStart() != java.time.DayOfWeek.SUNDAY) {
            sb.append(", weeks starting on ").append(TimeGrid.dayName(d.weekStart()));
        }
        return sb.append(", time zone ").append(d.zone().getId()).toString();
    }

    private static void appendExclusions(StringBuilder sb, TimeWindowPartitions d, long first, long last) {
        long[] excluded = d.excludedNumbers();
        int listed = 0;
        int inRange = 0;
        StringBuilder names = new StringBuilder();
        for (long n : excluded) {
            if (n < first || n > last) {
                continue;
            }
            inRange++;
            if (listed < LISTED_EXCLUSIONS) {
                names.append(listed == 0 ? "" : ", ").append(d.keyOfNumber(n));
                listed++;
            }
        }
        if (inRange > 0) {
            sb.append(" (excluding ").append(names);
            if (inRange > listed) {
                sb.append(" and ").append(inRange - listed).append(" more");
            }
            sb.append(')');
        }
    }
}
