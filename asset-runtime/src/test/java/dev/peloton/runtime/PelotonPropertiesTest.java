package dev.peloton.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PelotonPropertiesTest {

    @Test
    void badEmbeddedSettingsAreRefusedWithThePropertyNamed() {
        assertThatThrownBy(() -> new PelotonProperties.EmbeddedPostgres(true, 0, "Peloton; DROP"))
                .hasMessageContaining("peloton.embedded-postgres.database must be a lower-case PostgreSQL identifier")
                .hasMessageContaining("'Peloton; DROP'");
        assertThatThrownBy(() -> new PelotonProperties.EmbeddedPostgres(true, -1, "peloton"))
                .hasMessageContaining("peloton.embedded-postgres.port must be between 0 and 65535, got -1");
        assertThatThrownBy(() -> new PelotonProperties.Events(-3))
                .hasMessageContaining("peloton.events.retention-days must be 0 (keep forever) or more, got -3");
    }

    @Test
    void thePostgresDataLivesInItsOwnFolderOfTheDataDirectory() {
        assertThat(EmbeddedPostgresServer.postgresDataDirectory(Path.of("/srv/peloton/../peloton-data")))
                .isEqualTo(Path.of("/srv/peloton-data/postgres"));
        assertThat(EmbeddedPostgresServer.postgresDataDirectory(Path.of("data")))
                .isEqualTo(Path.of("data").toAbsolutePath().resolve("postgres"));
    }
}
