package dev.peloton.ui.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The row counts of an asset's recent materializations over time, as the geometry of a small SVG chart that the
 * asset page's template draws: a dot per materialization that reported a row count (its tooltip names the
 * partition, the count and the time), joined in time order, on an axis that starts at 0 rows.
 *
 * @param points  in time order
 * @param yTicks  horizontal grid lines with their labels, from 0 to the top of the axis
 * @param xLabels the first and the last time under the axis (one label when all dots share a time)
 */
public record RowCountChart(List<Point> points, List<Tick> yTicks, List<Tick> xLabels, String line) {

    public static final int WIDTH = 960;
    public static final int HEIGHT = 160;
    static final int LEFT = 64;
    static final int RIGHT = 16;
    static final int TOP = 10;
    static final int BOTTOM = 36;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /** A materialization's dot; {@code title} is its tooltip. */
    public record Point(double x, double y, long rows, String partition, String title) {
    }

    /** A label at {@code pos} (y of a grid line, or x of a time). */
    public record Tick(double pos, String label) {
    }

    public RowCountChart {
        points = List.copyOf(points);
        yTicks = List.copyOf(yTicks);
        xLabels = List.copyOf(xLabels);
    }

    /**
     * The chart of the materializations that reported a row count, in the server's time zone (as the history table
     * shows times); empty when none did.
     */
    public static Optional<RowCountChart> of(List<MaterializationRows.Row> history) {
        return of(history, ZoneId.systemDefault());
    }

    static Optional<RowCountChart> of(List<MaterializationRows.Row> history, ZoneId zone) {
        List<MaterializationRows.Row> counted = history.stream().filter(r -> r.rowCount() != null)
                .sorted(Comparator.comparing(MaterializationRows.Row::materializedAt)
                        .thenComparingLong(MaterializationRows.Row::id))
                .toList();
        if (counted.isEmpty()) {
            return Optional.empty();
        }
        long max = counted.stream().mapToLong(MaterializationRows.Row::rowCount).max().orElse(0);
        // At least 2, so the middle grid line is a whole number of rows.
        long top = niceTop(Math.max(max, 2));
        Instant first = counted.getFirst().materializedAt();
        Instant last = counted.getLast().materializedAt();
        double span = last.toEpochMilli() - first.toEpochMilli();
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        List<Point> points = new ArrayList<>(counted.size());
        StringBuilder line = new StringBuilder();
        for (MaterializationRows.Row r : counted) {
            // All at one instant: the dots stand in the middle rather than on the axis.
            double fx = span == 0 ? 0.5 : (r.materializedAt().toEpochMilli() - first.toEpochMilli()) / span;
            double x = round(LEFT + fx * plotW);
            double y = round(TOP + plotH - (double) Math.max(0, r.rowCount()) / top * plotH);
            String partition = r.partition();
            String title = (partition.isEmpty() ? "" : partition + ": ")
                    + String.format(Locale.ROOT, "%,d", r.rowCount()) + " rows, materialized "
                    + TIME.format(r.materializedAt().atZone(zone));
            points.add(new Point(x, y, r.rowCount(), partition, title));
            line.append(line.isEmpty() ? "" : " ").append(x).append(',').append(y);
        }
        List<Tick> yTicks = new ArrayList<>();
        for (int i = 0; i <= 2; i++) {
            long value = top * i / 2;
            yTicks.add(new Tick(round(TOP + plotH - plotH * i / 2), compact(value)));
        }
        // Within one day the clock tells the dots apart; across days the date comes first.
        DateTimeFormatter labels = first.atZone(zone).toLocalDate().equals(last.atZone(zone).toLocalDate())
                ? CLOCK : SHORT;
        List<Tick> xLabels = span == 0
                ? List.of(new Tick(round(LEFT + plotW / 2), SHORT.format(first.atZone(zone))))
                : List.of(new Tick(LEFT, labels.format(first.atZone(zone))),
                        new Tick(WIDTH - RIGHT, labels.format(last.atZone(zone))));
        return Optional.of(new RowCountChart(points, yTicks, xLabels, line.toString()));
    }

    /** The top of the y axis: {@code max} rounded up to 1, 2 or 5 times a power of ten, so ticks read well. */
    static long niceTop(long max) {
        long magnitude = 1;
        while (magnitude <= max / 10) {
            magnitude *= 10;
        }
        for (long step : new long[] {1, 2, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** 950, 12.5k, 3M: short labels for the axis (tooltips give exact counts). */
    static String compact(long n) {
        if (n < 10_000) {
            return String.format(Locale.ROOT, "%,d", n);
        }
        if (n < 1_000_000) {
            return trim(n / 1_000.0) + "k";
        }
        if (n < 1_000_000_000) {
            return trim(n / 1_000_000.0) + "M";
        }
        return trim(n / 1_000_000_000.0) + "G";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    /** Where the time labels sit, under the plot. */
    public double baseline() {
        return HEIGHT - BOTTOM;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
