package dev.peloton.core;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Partitions that are consecutive time windows (hours, days, weeks or months) of the local calendar of a time
 * zone, from a start to an inclusive last window, or open-ended up to now. Keys are the windows' local starts in
 * a key format ({@code yyyy-MM-dd}, or {@code yyyy-MM-dd-HH:mm} when hourly, as in Dagster). Some keys may be
 * excluded: the race days of a Tour are
 *
 * <pre>{@code
 * PartitionsDefinition.daily("2023-07-01", "2023-07-23").excluding("2023-07-10", "2023-07-17")
 * }</pre>
 *
 * <p>Keys, indices and windows convert to one another in O(log exclusions): a window is a number on the
 * granularity's calendar (see {@link #windowNumberAt}), and an index is that number less the start and the
 * excluded numbers before it. The definition is immutable; the {@code with…}, {@code inZone} and
 * {@code excluding} methods return changed copies.
 *
 * <p>Windows start on the local calendar: in a zone with daylight saving, the hour skipped in spring still has
 * a key (its window is empty) and the hour repeated in autumn is one key whose window lasts two hours.
 */
public final class TimeWindowPartitions implements PartitionsDefinition {

    /** The length of a window. */
    public enum Granularity {
        HOURLY("yyyy-MM-dd-HH:mm", "hour"),
        DAILY("yyyy-MM-dd", "day"),
        /** Weeks start on Sunday unless {@link #weekStartingOn} says otherwise, as in Dagster. */
        WEEKLY("yyyy-MM-dd", "week"),
        /** Months start on their first day. */
        MONTHLY("yyyy-MM-dd", "month");

        private final String defaultKeyFormat;
        private final String unit;

        Granularity(String defaultKeyFormat, String unit) {
            this.defaultKeyFormat = defaultKeyFormat;
            this.unit = unit;
        }

        public String defaultKeyFormat() {
            return defaultKeyFormat;
        }

        /** "hourly", "daily"… */
        public String adjective() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        String unit() {
            return unit;
        }
    }

    /** The instants a partition covers: from {@code start} (included) to {@code end} (excluded). */
    public record TimeWindow(Instant start, Instant end) {
        public boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final long[] NONE = new long[0];

    private final TimeGrid grid;
    private final LocalDateTime start;
    private final LocalDateTime end;
    private final ZoneId zone;
    private final TimeKeyFormat format;
    private final int endOffset;
    private final Clock clock;
    private final long firstNumber;
    private final long lastNumber;
    // Sorted, distinct window numbers >= firstNumber (and <= lastNumber when bounded).
    private final long[] excluded;
    // excluded[k] - firstNumber - k: how many keys come before the k-th exclusion; non-decreasing.
    private final long[] keysBeforeExcluded;

    private TimeWindowPartitions(TimeGrid grid, LocalDateTime start, LocalDateTime end, ZoneId zone,
            String keyFormat, int endOffset, Clock clock, long[] excluded) {
        this.grid = grid;
        this.start = start;
        this.end = end;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.endOffset = endOffset;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.firstNumber = grid.ceil(start);
        this.lastNumber = end == null ? Long.MAX_VALUE : grid.number(end);
        this.format = new TimeKeyFormat(keyFormat, grid, firstNumber);
        if (end != null && lastNumber < firstNumber) {
            throw new IllegalArgumentException(adjective() + " partitions end before they start: the end "
                    + format.format(end) + " comes before the first " + grid.granularity().unit() + " "
                    + format.key(firstNumber));
        }
        this.excluded = excluded;
        this.keysBeforeExcluded = new long[excluded.length];
        for (int k = 0; k < excluded.length; k++) {
            keysBeforeExcluded[k] = excluded[k] - firstNumber - k;
        }
        if (end != null && lastNumber - firstNumber + 1 == excluded.length) {
            throw new IllegalArgumentException(
                    "Excluding every key of " + adjective() + " partitions leaves no partition");
        }
    }

    /** Windows of {@code granularity} from {@code start} on; {@code end} (the last window, included) may be null. */
    public static TimeWindowPartitions of(Granularity granularity, String start, String end) {
        Objects.requireNonNull(granularity, "granularity");
        TimeGrid grid = new TimeGrid(granularity, DayOfWeek.SUNDAY);
        String pattern = granularity.defaultKeyFormat();
        LocalDateTime from = TimeKeyFormat.parseBound(start, "start", granularity, pattern);
        LocalDateTime to = end == null ? null : TimeKeyFormat.parseBound(end, "end", granularity, pattern);
        return new TimeWindowPartitions(grid, from, to, UTC, pattern, 0, Clock.systemUTC(), NONE);
    }

    // --- changed copies ------------------------------------------------------------------------

    /** The same windows on the local calendar of {@code zone} (default UTC). */
    public TimeWindowPartitions inZone(ZoneId zone) {
        return new TimeWindowPartitions(grid, start, end, zone, format.pattern(), endOffset, clock, excluded);
    }

    /** @param zone a zone id such as {@code Europe/Paris} */
    public TimeWindowPartitions inZone(String zone) {
        try {
            return inZone(ZoneId.of(zone));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("Unknown time zone '" + zone + "' for " + adjective()
                    + " partitions: use a region id such as Europe/Paris, or UTC", e);
        }
    }

    /** Keys in another {@link java.time.format.DateTimeFormatter} pattern (such as {@code yyyyMMdd}). */
    public TimeWindowPartitions withKeyFormat(String pattern) {
        return new TimeWindowPartitions(grid, start, end, zone, pattern, endOffset, clock, excluded);
    }

    /** The clock that decides which windows of an open-ended definition have ended (tests inject a fixed one). */
    public TimeWindowPartitions withClock(Clock clock) {
        return new TimeWindowPartitions(grid, start, end, zone, format.pattern(), endOffset, clock, excluded);
    }

    /**
     * For an open-ended definition, how many windows past the last ended one are partitions: 0 (the default, as
     * in Dagster) makes a window a partition once it has ended, 1 adds the window in progress.
     */
    public TimeWindowPartitions withEndOffset(int endOffset) {
        return new TimeWindowPartitions(grid, start, end, zone, format.pattern(), endOffset, clock, excluded);
    }

    /** For weekly windows: the day weeks start on (default Sunday, as in Dagster). */
    public TimeWindowPartitions weekStartingOn(DayOfWeek day) {
        if (grid.granularity() != Granularity.WEEKLY) {
            throw new IllegalArgumentException("weekStartingOn applies to weekly partitions, not " + adjective());
        }
        TimeGrid other = new TimeGrid(Granularity.WEEKLY, Objects.requireNonNull(day, "day"));
        long[] moved = new long[excluded.length];
        for (int k = 0; k < excluded.length; k++) {
            LocalDateTime t = grid.start(excluded[k]);
            if (!other.isWindowStart(t)) {
                throw new IllegalArgumentException("Excluded key " + format.format(t) + " does not start a week"
                        + " that starts on " + day);
            }
            moved[k] = other.number(t);
        }
        return new TimeWindowPartitions(other, start, end, zone, format.pattern(), endOffset, clock, moved);
    }

    /** The same definition without the given keys; each must be a key of it (in range, in the key format). */
    public TimeWindowPartitions excluding(String... keys) {
        return excluding(Arrays.asList(keys));
    }

    public TimeWindowPartitions excluding(Collection<String> keys) {
        long[] more = new long[keys.size()];
        int i = 0;
        for (String key : keys) {
            long n = format.parse(key);
            boolean again = n != TimeKeyFormat.UNPARSEABLE && Arrays.binarySearch(excluded, n) >= 0;
            String problem = n == TimeKeyFormat.UNPARSEABLE ? format.mismatch(key) : again ? null : rangeProblem(n, false);
            if (problem != null) {
                throw new InvalidPartitionKeyException("Cannot exclude " + (key == null ? "null" : "'" + key + "'")
                        + " from " + describe() + ": " + problem, key);
            }
            more[i++] = n;
        }
        long[] all = Arrays.copyOf(excluded, excluded.length + more.length);
        System.arraycopy(more, 0, all, excluded.length, more.length);
        long[] merged = Arrays.stream(all).sorted().distinct().toArray();
        return new TimeWindowPartitions(grid, start, end, zone, format.pattern(), endOffset, clock, merged);
    }

    // --- PartitionsDefinition ------------------------------------------------------------------

    @Override
    public long size() {
        return countBefore(currentLastNumber() + 1);
    }

    @Override
    public String keyAt(long index) {
        return format.key(windowNumberAt(index));
    }

    @Override
    public long indexOf(String key) {
        long n = format.parse(key);
        return n == TimeKeyFormat.UNPARSEABLE ? -1 : indexOfWindowNumber(n);
    }

    @Override
    public Optional<String> invalidKeyReason(String key) {
        if (key == null) {
            return Optional.of("the key is null");
        }
        long n = format.parse(key);
        if (n == TimeKeyFormat.UNPARSEABLE) {
            return Optional.of(format.mismatch(key));
        }
        return Optional.ofNullable(rangeProblem(n, true));
    }

    @Override
    public String describe() {
        return TimeWindowDescription.describe(this);
    }

    // --- time ----------------------------------------------------------------------------------

    /** The instants covered by partition {@code index}. */
    public TimeWindow timeWindowAt(long index) {
        return numberWindow(windowNumberAt(index));
    }

    /** The instants covered by partition {@code key}; an {@link InvalidPartitionKeyException} if it is none. */
    public TimeWindow timeWindow(String key) {
        return timeWindowAt(requireIndex(null, key));
    }

    /** The index of the partition whose window contains {@code t}, or -1 (outside the range, or excluded). */
    public long indexContaining(Instant t) {
        return indexOfWindowNumber(grid.number(LocalDateTime.ofInstant(t, zone)));
    }

    public Optional<String> keyContaining(Instant t) {
        long i = indexContaining(t);
        return i < 0 ? Optional.empty() : Optional.of(keyAt(i));
    }

    /**
     * The index of the last partition whose window ended at or before {@code t}, or -1: what a schedule ticking at
     * {@code t} materializes (at midnight, yesterday).
     */
    public long lastIndexEndedBy(Instant t) {
        return countBefore(grid.number(LocalDateTime.ofInstant(t, zone))) - 1;
    }

    // --- window numbers: the calendar view that mappings between time windows work on -----------

    /** The number, on this definition's calendar, of the window containing the local time {@code t}. */
    public long windowNumber(LocalDateTime t) {
        return grid.number(t);
    }

    /** The local start of window number {@code n}. */
    public LocalDateTime windowStart(long n) {
        return grid.start(n);
    }

    /** The window number of partition {@code index}; O(log exclusions). */
    public long windowNumberAt(long index) {
        long size = size();
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Partition index " + index + " is outside 0.." + (size - 1)
                    + " of " + describe());
        }
        // The number of exclusions whose position is <= index: each shifts the key one window further.
        int lo = 0;
        int hi = keysBeforeExcluded.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keysBeforeExcluded[mid] <= index) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return firstNumber + index + lo;
    }

    /** The index of window number {@code n}, or -1 when it is not a partition. */
    public long indexOfWindowNumber(long n) {
        if (n < firstNumber || n > currentLastNumber()) {
            return -1;
        }
        int k = Arrays.binarySearch(excluded, n);
        return k >= 0 ? -1 : n - firstNumber + k + 1;
    }

    /** How many partitions have a window number below {@code n}. */
    public long countBefore(long n) {
        long last = currentLastNumber();
        long upTo = Math.min(n, last + 1);
        if (upTo <= firstNumber) {
            return 0;
        }
        return upTo - firstNumber - excludedBelow(upTo);
    }

    /** The window numbers of the partitions in {@code indices}: as many ranges as the set has, plus exclusions. */
    public PartitionSet windowNumbers(PartitionSet indices) {
        PartitionSet in = indices.intersect(all());
        PartitionSet.Builder b = PartitionSet.builder();
        for (int r = 0; r < in.rangeCount(); r++) {
            long lo = windowNumberAt(in.rangeStart(r));
            long hi = windowNumberAt(in.rangeEnd(r) - 1) + 1;
            int k = Math.max(0, -Arrays.binarySearch(excluded, lo) - 1);
            for (; k < excluded.length && excluded[k] < hi; k++) {
                b.addRange(lo, excluded[k]);
                lo = excluded[k] + 1;
            }
            b.addRange(lo, hi);
        }
        return b.build();
    }

    /** The partitions whose window numbers are in {@code numbers}; numbers that are no partition are dropped. */
    public PartitionSet indicesOfWindowNumbers(PartitionSet numbers) {
        PartitionSet.Builder b = PartitionSet.builder();
        for (int r = 0; r < numbers.rangeCount(); r++) {
            b.addRange(countBefore(numbers.rangeStart(r)), countBefore(numbers.rangeEnd(r)));
        }
        return b.build();
    }

    /** The instants window number {@code n} covers in this definition's time zone. */
    public TimeWindow numberWindow(long n) {
        return new TimeWindow(grid.start(n).atZone(zone).toInstant(), grid.start(n + 1).atZone(zone).toInstant());
    }

    /** Whether equal keys name equal windows numbers in both: same granularity, week start and key format. */
    public boolean sameCalendarAs(TimeWindowPartitions other) {
        return grid.equals(other.grid) && format.pattern().equals(other.format.pattern());
    }

    public long firstWindowNumber() {
        return firstNumber;
    }

    /** The last window number that is (or, when excluded, would be) a partition now; below the first when none. */
    public long currentLastNumber() {
        if (end != null) {
            return lastNumber;
        }
        long current = grid.number(LocalDateTime.ofInstant(clock.instant(), zone));
        return current - 1 + endOffset;
    }

    // --- accessors -----------------------------------------------------------------------------

    public Granularity granularity() {
        return grid.granularity();
    }

    public DayOfWeek weekStart() {
        return grid.weekStart();
    }

    public ZoneId zone() {
        return zone;
    }

    public String keyFormat() {
        return format.pattern();
    }

    public boolean isOpenEnded() {
        return end == null;
    }

    public int endOffset() {
        return endOffset;
    }

    /** The key of the first window, whether or not it is excluded. */
    public String firstKey() {
        return format.key(firstNumber);
    }

    /** The key of the last window of a bounded definition (whether or not it is excluded). */
    public Optional<String> lastKey() {
        return end == null ? Optional.empty() : Optional.of(format.key(lastNumber));
    }

    /** The excluded keys, in order. */
    public List<String> excludedKeys() {
        List<String> out = new ArrayList<>(excluded.length);
        for (long n : excluded) {
            out.add(format.key(n));
        }
        return out;
    }

    long[] excludedNumbers() {
        return excluded;
    }

    String keyOfNumber(long n) {
        return format.key(n);
    }

    String adjective() {
        return grid.granularity().adjective();
    }

    // --- internals -----------------------------------------------------------------------------

    private long excludedBelow(long n) {
        int k = Arrays.binarySearch(excluded, n);
        return k >= 0 ? k : -k - 1;
    }

    /** Why window number {@code n} is no partition, or null. {@code now}: also check it has ended. */
    private String rangeProblem(long n, boolean now) {
        String unit = grid.granularity().unit();
        if (n < firstNumber) {
            return "it is before the first key " + format.key(firstNumber);
        }
        if (end != null && n > lastNumber) {
            return "it is after the last key " + format.key(lastNumber);
        }
        if (Arrays.binarySearch(excluded, n) >= 0) {
            return "it is excluded";
        }
        if (now && n > currentLastNumber()) {
            long last = currentLastNumber();
            return "its " + unit + " has not ended yet"
                    + (last >= firstNumber ? ": the latest key is " + format.key(last) : "");
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeWindowPartitions t && grid.equals(t.grid) && firstNumber == t.firstNumber
                && (end == null) == (t.end == null) && lastNumber == t.lastNumber && endOffset == t.endOffset
                && zone.normalized().equals(t.zone.normalized()) && format.pattern().equals(t.format.pattern())
                && Arrays.equals(excluded, t.excluded);
    }

    @Override
    public int hashCode() {
        return Objects.hash(grid, firstNumber, lastNumber, endOffset, zone.normalized(), format.pattern(),
                Arrays.hashCode(excluded));
    }

    @Override
    public String toString() {
        return adjective() + "[" + firstKey() + ".." + lastKey().orElse("") + (excluded.length > 0
                ? " excluding " + excluded.length : "") + ", " + zone.getId() + "]";
    }
}
