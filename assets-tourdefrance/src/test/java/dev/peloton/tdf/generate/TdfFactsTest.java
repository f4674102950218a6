package dev.peloton.tdf.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TdfFactsTest {

    private static final TdfFacts FACTS = TdfFacts.load();

    @Test
    void loadsTheFiveFactFiles() {
        assertThat(FACTS.stages()).hasSize(21);
        assertThat(FACTS.teams()).hasSize(22);
        assertThat(FACTS.stage(16).type()).isEqualTo(StageType.TIME_TRIAL);
        assertThat(FACTS.stage(17).climbM()).isEqualTo(5149);
        assertThat(FACTS.checkpoints(6).getLast().type()).isEqualTo("arrival+summit");
        assertThat(FACTS.climbs(5)).extracting(Climb::name)
                .containsExactly("Col de Soudet", "Col d'Ichère", "Col de Marie-Blanque");
        assertThat(FACTS.climbs(1).getFirst().lengthKm()).isEmpty();
        assertThat(FACTS.speeds(21).medianKmh()).isEqualTo(46.0);
        for (StageFacts s : FACTS.stages()) {
            assertThat(FACTS.checkpoints(s.stage()).getLast().km()).as("stage %d", s.stage()).isEqualTo(s.lengthKm());
        }
    }

    @Test
    void stagesOutOfRangeAreRejectedWithTheValidRange() {
        assertThatThrownBy(() -> FACTS.stage(0)).hasMessageContaining("stage 0").hasMessageContaining("1..21");
        assertThatThrownBy(() -> FACTS.checkpoints(22)).hasMessageContaining("stage 22").hasMessageContaining("1..21");
    }

    @Test
    void calendarHasTwentyOneRaceDaysAndTwoRestDays() {
        RaceCalendar cal = FACTS.calendar();
        assertThat(cal.raceDays()).hasSize(21);
        assertThat(cal.raceDays().getFirst()).isEqualTo(LocalDate.of(2023, 7, 1));
        assertThat(cal.raceDays().getLast()).isEqualTo(LocalDate.of(2023, 7, 23));
        assertThat(cal.restDays()).containsExactly(LocalDate.of(2023, 7, 10), LocalDate.of(2023, 7, 17));
        assertThat(cal.raceDays()).doesNotContainAnyElementsOf(cal.restDays());
        assertThat(cal.dateOf(10)).isEqualTo(LocalDate.of(2023, 7, 11));
        assertThat(cal.stageOn(LocalDate.of(2023, 7, 18))).isEqualTo(16);
        assertThat(cal.stageOn("2023-07-23")).isEqualTo(21);
        for (int stage = 1; stage <= 21; stage++) {
            assertThat(cal.stageOn(cal.dateOf(stage))).isEqualTo(stage);
        }
    }

    @Test
    void calendarRejectsRestDaysAndDaysOutsideTheTour() {
        RaceCalendar cal = FACTS.calendar();
        assertThat(cal.isRaceDay(LocalDate.of(2023, 7, 10))).isFalse();
        assertThatThrownBy(() -> cal.stageOn(LocalDate.of(2023, 7, 17)))
                .hasMessageContaining("2023-07-17 is a rest day");
        assertThatThrownBy(() -> cal.stageOn(LocalDate.of(2023, 6, 30)))
                .hasMessageContaining("not a race day").hasMessageContaining("2023-07-01").hasMessageContaining("2023-07-23");
        assertThatThrownBy(() -> cal.stageOn("July 4th")).hasMessageContaining("'July 4th' is not a date");
        assertThatThrownBy(() -> cal.dateOf(22)).hasMessageContaining("1..21");
    }

    @Test
    void csvReadsQuotedFieldsAndReportsBadRows() {
        Csv.Table t = Csv.read("test.csv", new StringReader("a,b,c\r\n1,\"x, \"\"y\"\"\",\r\n\"multi\nline\",2,3"));
        assertThat(t.rows()).containsExactly(List.of("1", "x, \"y\"", ""), List.of("multi\nline", "2", "3"));
        assertThatThrownBy(() -> Csv.read("bad.csv", new StringReader("a,b\n1,2,3\n")))
                .hasMessageContaining("bad.csv").hasMessageContaining("row 2").hasMessageContaining("3 fields");
        assertThatThrownBy(() -> Csv.read("open.csv", new StringReader("a\n\"never closed\n")))
                .hasMessageContaining("open.csv").hasMessageContaining("unterminated");
        assertThatThrownBy(() -> t.column("d")).hasMessageContaining("no column 'd'").hasMessageContaining("[a, b, c]");
    }

    @Test
    void csvWritesLikeAGoogleSheetExport() {
        StringWriter out = new StringWriter();
        Csv.Writer w = new Csv.Writer(out, Csv.Format.GOOGLE_SHEETS);
        w.row("name", "note");
        w.row("O'Brien", "said \"hi\", left");
        w.row("x", null);
        assertThat(out.toString()).isEqualTo("name,note\r\nO'Brien,\"said \"\"hi\"\", left\"\r\nx,");
        StringWriter unix = new StringWriter();
        new Csv.Writer(unix, Csv.Format.UNIX).row(1, 2.5);
        assertThat(unix.toString()).isEqualTo("1,2.5\n");
    }

    @Test
    void fixedPointFormatting() {
        assertThat(Fmt.fixed(43.3065, 6)).isEqualTo("43.306500");
        assertThat(Fmt.fixed(-2.944975, 6)).isEqualTo("-2.944975");
        assertThat(Fmt.fixed(0.005, 3)).isEqualTo("0.005");
        assertThat(Fmt.fixed(-0.0001, 2)).isEqualTo("0.00");
        assertThat(Fmt.fixed(1234.56, 1)).isEqualTo("1234.6");
        assertThat(Fmt.fixed(7, 0)).isEqualTo("7");
        assertThatThrownBy(() -> Fmt.fixed(Double.NaN, 2)).hasMessageContaining("NaN");
    }
}
