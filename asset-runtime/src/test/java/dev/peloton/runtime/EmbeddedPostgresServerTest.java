package dev.peloton.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class EmbeddedPostgresServerTest {

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedWithTheDirectoryNamed(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres first = EmbeddedPostgresServer.start(dataDir, 0, "peloton")) {
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                    EmbeddedPostgresServer.jdbcUrl(first, "peloton"), "postgres", ""));
            assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).isEqualTo("peloton");

            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0, "peloton"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Could not start the embedded PostgreSQL on "
                            + dataDir.toAbsolutePath().normalize().resolve("postgres"))
                    .hasMessageContaining("peloton.data-dir");
            // The refused start left the running server alone.
            assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void badEmbeddedSettingsAreRefusedWithThePropertyNamed() {
        assertThatThrownBy(() -> new PelotonProperties.EmbeddedPostgres(true, 0, "Peloton; DROP"))
                .hasMessageContaining("peloton.embedded-postgres.database must be a lower-case PostgreSQL identifier")
                .hasMessageContaining("'Peloton; DROP'");
        assertThatThrownBy(() -> new PelotonProperties.EmbeddedPostgres(true, -1, "peloton"))
                .hasMessageContaining("peloton.embedded-postgres.port must be between 0 and 65535, got -1");
    }
}
