package dev.peloton.tdf.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The COPY text parser: its fast decimal path against {@link Double#parseDouble}, nulls, and bad rows. */
class RacePointCopyParserTest {

    private static final LocalDate DAY = LocalDate.of(2023, 7, 6);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 2023, 987_654_321})
    void fastDecimalsAreExactlyWhatParseDoubleReads(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            String text = randomDecimal(r);
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            double fast = RacePointCopyParser.fastDouble(bytes, 0, bytes.length);
            if (Double.isNaN(fast)) {
                // only texts the fast path does not handle: more than 15 digits
                assertThat(text.replaceAll("[^0-9]", "").length()).as("seed %d: '%s'", seed, text).isGreaterThan(15);
            } else {
                assertThat(Double.doubleToRawLongBits(fast)).as("seed %d: '%s'", seed, text)
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
            }
        }
    }

    /** Decimals as PostgreSQL writes them: sign, integer digits, maybe a fraction; sometimes long. */
    private static String randomDecimal(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(4) == 0) {
            sb.append('-');
        }
        int integerDigits = 1 + r.nextInt(r.nextInt(10) == 0 ? 12 : 5);
        for (int i = 0; i < integerDigits; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        int fraction = r.nextInt(r.nextInt(10) == 0 ? 14 : 8);
        if (fraction > 0 || r.nextInt(20) == 0) {
            sb.append('.');
        }
        for (int i = 0; i < fraction; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    @Test
    void otherNumberFormsFallBackToParseDouble() {
        RacePointCopyParser parser = new RacePointCopyParser(DAY, "t");
        RacePointRow row = parser.parse(line("6\t1\t42\t1688652000\t1e-05\t-0\t\\N\t12345678901234567.5\tNaN"
                + "\t\\N\t\\N\t\\N\t\\N\t0"), 1);
        assertThat(row.lat()).isEqualTo(1e-05);
        assertThat(Double.doubleToRawLongBits(row.lon())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(row.distance()).isEqualTo(12345678901234567.5);
        assertThat(row.speed()).isNaN();
        assertThat(row.hasAltitude()).isFalse();
        assertThat(row.hasHeartRate()).isFalse();
        assertThat(row.hasPower()).isFalse();
        assertThat(row.moving()).isFalse();
    }

    @Test
    void aRowIsReusedAndBecomesARacePoint() {
        RacePointCopyParser parser = new RacePointCopyParser(DAY, "t");
        RacePointRow first = parser.parse(line("6\t11\t1234567\t1688652000\t43.101234\t-0.5\t812.4\t1500.5\t38.25"
                + "\t151\t\\N\t250\t-3\t1"), 1);
        assertThat(first.toRacePoint()).isEqualTo(new dev.peloton.tdf.generate.RacePoint(DAY, 6, 11, 1234567L,
                Instant.ofEpochSecond(1688652000), 43.101234, -0.5, 812.4, 1500.5, 38.25, 151, null, 250, -3, true));
        RacePointRow second = parser.parse(line("6\t12\t7\t1688652001\t43\t-0.25\t\\N\t1\t0\t\\N\t90\t\\N\t\\N\t0"), 2);
        assertThat(second).isSameAs(first);
        assertThat(second.bib()).isEqualTo(12);
        assertThat(second.hasAltitude()).isFalse();
        assertThat(second.hasHeartRate()).isFalse();
        assertThat(second.hasCadence()).isTrue();
        assertThat(second.cadence()).isEqualTo(90);
        assertThat(second.hasPower()).isFalse();
        assertThat(second.hasTemperature()).isFalse();
        assertThat(second.epochSecond()).isEqualTo(1688652001);
    }

    @Test
    void badRowsNameTheSourceDayRowAndColumn() {
        RacePointCopyParser parser = new RacePointCopyParser(DAY, "tdf_source.race_points");
        assertThatThrownBy(() -> parser.parse(line("6\t11\t7\t1688652000\t43.1x\t-0.5\t\\N\t1\t2\t\\N\t\\N\t\\N\t\\N\t1"), 7))
                .hasMessage("tdf_source.race_points, race day 2023-07-06, row 7, column lat = '43.1x': not a number");
        assertThatThrownBy(() -> parser.parse(line("6\t11\t7\t1688652000\t.\t-0.5\t\\N\t1\t2\t\\N\t\\N\t\\N\t\\N\t1"), 8))
                .hasMessageContaining("row 8, column lat = '.': not a number");
        assertThatThrownBy(() -> parser.parse(line("6\t\\N\t7\t1688652000\t1\t2\t\\N\t1\t2\t\\N\t\\N\t\\N\t\\N\t1"), 9))
                .hasMessageContaining("row 9, column bib = '\\N': null in a required column");
        assertThatThrownBy(() -> parser.parse(line("6\t11\t7"), 10))
                .hasMessageContaining("row 10: 3 fields, expected 14");
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
