package dev.peloton.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.ui.web.RowCountChart.Point;
import dev.peloton.ui.web.RowCountChart.Tick;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The geometry of the asset page's row count chart. */
class RowCountChartTest {

    static final Instant T0 = Instant.parse("2023-07-04T10:00:00Z");

    static MaterializationRows.Row row(long id, String partition, Instant at, Long rows) {
        return new MaterializationRows.Row(id, partition, "dv" + id, "1", "run-" + id, at, rows);
    }

    @Test
    void noRowCountsMeansNoChart() {
        assertThat(RowCountChart.of(List.of(), ZoneOffset.UTC)).isEmpty();
        assertThat(RowCountChart.of(List.of(row(1, "2023-07-01", T0, null), row(2, "", T0, null)), ZoneOffset.UTC))
                .isEmpty();
    }

    @Test
    void dotsAreInTimeOrderWithTooltipsAndSkipMaterializationsWithoutACount() {
        // Newest first, as the history comes; one without a row count.
        List<MaterializationRows.Row> history = List.of(
                row(3, "2023-07-03", T0.plusSeconds(120), 400L),
                row(2, "2023-07-02", T0.plusSeconds(60), null),
                row(1, "2023-07-01", T0, 100L));
        RowCountChart chart = RowCountChart.of(history, ZoneOffset.UTC).orElseThrow();
        assertThat(chart.points()).extracting(Point::partition).containsExactly("2023-07-01", "2023-07-03");
        Point first = chart.points().getFirst();
        Point last = chart.points().getLast();
        assertThat(first.x()).isEqualTo(chart.left());
        assertThat(last.x()).isEqualTo(chart.right());
        assertThat(first.title()).isEqualTo("2023-07-01: 100 rows, materialized 2023-07-04 10:00:00");
        // The axis runs from 0 to 500 (400 rounded up): 100 rows sit a fifth of the way up, 400 four fifths.
        double bottom = chart.baseline();
        double plotH = bottom - RowCountChart.TOP;
        assertThat(bottom - first.y()).isCloseTo(plotH / 5, org.assertj.core.data.Offset.offset(0.1));
        assertThat(bottom - last.y()).isCloseTo(plotH * 4 / 5, org.assertj.core.data.Offset.offset(0.1));
        assertThat(chart.yTicks()).extracting(Tick::label).containsExactly("0", "250", "500");
        assertThat(chart.xLabels()).extracting(Tick::label).containsExactly("10:00:00", "10:02:00");
        assertThat(chart.line()).isEqualTo(first.x() + "," + first.y() + " " + last.x() + "," + last.y());
    }

    @Test
    void materializationsAtOneInstantStandInTheMiddleWithOneTimeLabel() {
        RowCountChart chart = RowCountChart.of(List.of(row(1, "", T0, 0L)), ZoneOffset.UTC).orElseThrow();
        Point only = chart.points().getFirst();
        assertThat(only.x()).isEqualTo((chart.left() + chart.right()) / 2.0);
        assertThat(only.y()).isEqualTo(chart.baseline());
        assertThat(only.title()).isEqualTo("0 rows, materialized 2023-07-04 10:00:00");
        assertThat(chart.xLabels()).hasSize(1);
        assertThat(chart.yTicks()).extracting(Tick::label).containsExactly("0", "1", "2");
    }

    @Test
    void acrossDaysTheTimeLabelsStartWithTheDate() {
        RowCountChart chart = RowCountChart.of(List.of(row(2, "b", T0.plusSeconds(86_400 * 3), 5L),
                row(1, "a", T0, 7L)), ZoneOffset.UTC).orElseThrow();
        assertThat(chart.xLabels()).extracting(Tick::label).containsExactly("07-04 10:00", "07-07 10:00");
        assertThat(chart.points()).extracting(Point::rows).containsExactly(7L, 5L);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "3, 5", "7, 10", "10, 10", "11, 20", "99, 100", "101, 200", "450, 500",
        "501, 1000", "123456, 200000"})
    void theAxisTopIsANiceNumberAtLeastTheMaximum(long max, long top) {
        assertThat(RowCountChart.niceTop(max)).isEqualTo(top);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "950, 950", "9999, '9,999'", "12500, 12.5k", "200000, 200k", "3000000, 3M",
        "2500000000, 2.5G"})
    void axisLabelsAreShort(long n, String label) {
        assertThat(RowCountChart.compact(n)).isEqualTo(label);
    }

    /** Every dot lies inside the plot, at a height proportional to its count, whatever the counts and times. */
    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2023, 99_999})
    void dotsStayInsideThePlotAndProportional(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<MaterializationRows.Row> history = new ArrayList<>();
        int n = 1 + random.nextInt(50);
        for (int i = 0; i < n; i++) {
            Long rows = random.nextInt(5) == 0 ? null : random.nextLong(0, 1L << random.nextInt(1, 40));
            history.add(row(i, "p" + i, T0.plusSeconds(random.nextInt(100_000)), rows));
        }
        var chart = RowCountChart.of(history, ZoneOffset.UTC);
        long counted = history.stream().filter(r -> r.rowCount() != null).count();
        assertThat(chart.isPresent()).as("seed %d", seed).isEqualTo(counted > 0);
        chart.ifPresent(c -> {
            assertThat(c.points()).as("seed %d", seed).hasSize((int) counted);
            long top = RowCountChart.niceTop(Math.max(2, c.points().stream().mapToLong(Point::rows).max()
                    .orElseThrow()));
            double plotH = c.baseline() - RowCountChart.TOP;
            for (Point p : c.points()) {
                assertThat(p.x()).as("seed %d, %s", seed, p).isBetween((double) c.left(), (double) c.right());
                assertThat(p.y()).as("seed %d, %s", seed, p).isBetween((double) RowCountChart.TOP, c.baseline());
                assertThat(c.baseline() - p.y()).as("seed %d, %s", seed, p)
                        .isCloseTo(plotH * p.rows() / top, org.assertj.core.data.Offset.offset(0.06));
            }
            for (int i = 1; i < c.points().size(); i++) {
                assertThat(c.points().get(i).x()).as("seed %d: time order", seed)
                        .isGreaterThanOrEqualTo(c.points().get(i - 1).x());
            }
        });
    }
}
