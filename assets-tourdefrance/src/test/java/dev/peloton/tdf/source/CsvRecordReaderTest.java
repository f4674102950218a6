package dev.peloton.tdf.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    @Test
    void quotesCommasAndLineBreaksInsideFields() {
        String csv = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n,,\nlast,\"\",z";
        List<CsvRecordReader.CsvRecord> records = readAll(csv);
        assertThat(records).extracting(CsvRecordReader.CsvRecord::fields).containsExactly(
                List.of("a", "b", "c"),
                List.of("x, y", "say \"hi\"", "two\nlines"),
                List.of("", "", ""),
                List.of("last", "", "z"));
        assertThat(records).extracting(CsvRecordReader.CsvRecord::line).containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void badQuotingIsAClearError() {
        assertThatThrownBy(() -> readAll("a,b\nx,\"open"))
                .hasMessageContaining("test: line 2: quoted field never closed");
        assertThatThrownBy(() -> readAll("a,b\nx,y\"z"))
                .hasMessageContaining("test: line 2, field 2: quote inside an unquoted field 'y'");
        assertThatThrownBy(() -> readAll("a,b\n\"x\"y,z"))
                .hasMessageContaining("test: line 2, field 1: unexpected 'y' after a closing quote");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2023, 99991})
    void randomTablesRoundTrip(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "ab,\"\n\r x1é";
        for (int t = 0; t < 50; t++) {
            int width = 1 + random.nextInt(5);
            List<List<String>> table = new ArrayList<>();
            for (int r = 0, rows = 1 + random.nextInt(6); r < rows; r++) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < width; c++) {
                    StringBuilder sb = new StringBuilder();
                    for (int k = 0, n = random.nextInt(6); k < n; k++) {
                        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    row.add(sb.toString());
                }
                table.add(row);
            }
            if (width == 1 && table.getLast().getFirst().isEmpty()) {
                table.getLast().set(0, "x"); // a lone empty last field is indistinguishable from no row at all
            }
            String lineEnd = random.nextBoolean() ? "\r\n" : "\n";
            String csv = write(table, lineEnd, random.nextBoolean());
            assertThat(readAll(csv)).extracting(CsvRecordReader.CsvRecord::fields)
                    .as("seed %d table %d: %s", seed, t, csv).isEqualTo(table);
        }
    }

    /** The reference writer: quotes a field that needs it, always or never a final line break. */
    private static String write(List<List<String>> table, String lineEnd, boolean finalBreak) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < table.size(); r++) {
            List<String> row = table.get(r);
            for (int c = 0; c < row.size(); c++) {
                String v = row.get(c);
                boolean quote = v.isEmpty() && row.size() == 1 || v.contains(",") || v.contains("\"")
                        || v.contains("\n") || v.contains("\r");
                sb.append(c > 0 ? "," : "").append(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            if (r < table.size() - 1 || finalBreak) {
                sb.append(lineEnd);
            }
        }
        return sb.toString();
    }

    private static List<CsvRecordReader.CsvRecord> readAll(String csv) {
        List<CsvRecordReader.CsvRecord> out = new ArrayList<>();
        try (CsvRecordReader r = new CsvRecordReader("test", new StringReader(csv))) {
            CsvRecordReader.CsvRecord rec;
            while ((rec = r.next()) != null) {
                out.add(rec);
            }
        }
        return out;
    }
}
