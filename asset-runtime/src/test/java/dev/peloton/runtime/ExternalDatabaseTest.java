package dev.peloton.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.runtime.bootapp.TestApplication;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** With {@code spring.datasource.url} set, Peloton uses that server and starts none of its own. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ExternalDatabaseTest {

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(TestApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off")
                .properties(properties)
                .run();
    }

    @Test
    void usesTheConfiguredServerAndMigratesIt(EmbeddedPostgresExtension.Server server, @TempDir Path dataDir) {
        String url = server.createEmptyDatabase();
        try (ConfigurableApplicationContext context = start("spring.datasource.url=" + url,
                "peloton.data-dir=" + dataDir)) {
            assertThat(context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
            assertThat(context.getBean(AssetStateStorage.class)).isInstanceOf(PostgresAssetStateStorage.class);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success",
                    Integer.class)).isEqualTo(dev.peloton.runtime.testing.Migrations.count());
        }
        assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
    }

    @Test
    void retentionDaysTurnsOnEventRetention(EmbeddedPostgresExtension.Server server) {
        try (ConfigurableApplicationContext context = start("spring.datasource.url=" + server.createEmptyDatabase(),
                "peloton.events.retention-days=30")) {
            assertThat(context.getBeansOfType(EventRetention.class)).hasSize(1);
            assertThat(context.getBean(PelotonProperties.class).events().retentionDays()).isEqualTo(30);
        }
    }

    @Test
    void withTheEmbeddedServerSwitchedOffAndNoUrlTheStartFailsOnTheMissingUrl(@TempDir Path dataDir) {
        assertThatThrownBy(() -> start("peloton.embedded-postgres.enabled=false", "peloton.data-dir=" + dataDir))
                .hasStackTraceContaining("Failed to determine a suitable driver class");
        assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
    }

    @Test
    void badPropertiesStopTheStartWithTheirName(EmbeddedPostgresExtension.Server server) {
        String url = server.createEmptyDatabase();
        assertThatThrownBy(() -> start("spring.datasource.url=" + url, "peloton.embedded-postgres.port=70000"))
                .rootCause()
                .hasMessageContaining("peloton.embedded-postgres.port must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> start("spring.datasource.url=" + url, "peloton.events.retention-days=-1"))
                .rootCause()
                .hasMessageContaining("peloton.events.retention-days must be 0 (keep forever) or more, got -1");
    }
}
