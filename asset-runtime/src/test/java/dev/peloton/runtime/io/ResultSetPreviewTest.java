package dev.peloton.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.TablePreview;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResultSetPreviewTest {

    @Test
    void previewShowsPlainValuesAndReadableTimestamps() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM (VALUES (1, TIMESTAMP '2023-07-06 11:05:00', 2.5, NULL),"
                     + " (2, TIMESTAMP '2023-07-06 11:05:01.250', 3.0, 'x')) t(bib, time, speed, note) ORDER BY bib")) {
            TablePreview preview = ResultSetPreview.of(rs, 1);

            assertThat(preview.columns()).containsExactly("bib", "time", "speed", "note");
            assertThat(preview.rows()).hasSize(1);
            assertThat(preview.rows().getFirst()).isEqualTo(Arrays.asList(1L, "2023-07-06 11:05:00", 2.5, null));
        }
    }
}
