package dev.peloton.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.runtime.bootapp.TestApplication;
import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.NewEvent;
import dev.peloton.runtime.storage.NewRun;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stopping and starting the application on the same data directory keeps the whole history. */
class RestartKeepsHistoryTest {

    private static final AssetKey ASSET = AssetKey.of("warehouse", "stage_results");

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(TestApplication.class)
                .web(WebApplicationType.NONE)
                .properties("peloton.data-dir=" + dataDir, "spring.main.banner-mode=off")
                .run();
    }

    @Test
    void historySurvivesARestartAndMigrationsRunOnce(@TempDir Path dataDir) {
        MaterializationRecord record = new MaterializationRecord(ASSET, "2024-07-04", "dv-1", "code-1",
                Map.of(AssetKey.of("raw", "stages"), "v"), "run-1", Instant.parse("2024-07-04T10:00:00Z"));
        String runId;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            first.getBean(AssetStateStorage.class).recordMaterialization(record);
            RunStorage runs = first.getBean(RunStorage.class);
            runId = runs.create(NewRun.of(List.of(ASSET), PartitionSet.of(0)));
            runs.transition(runId, EnumSet.of(RunStatus.QUEUED), RunStatus.CANCELED);
            first.getBean(EventStorage.class).append(NewEvent.of(runId, "RUN_CANCELED", "{\"by\": \"test\"}"));

            // A second server on the same data directory is refused, naming the directory, and harms nothing.
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0, "peloton"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Could not start the embedded PostgreSQL on "
                            + dataDir.toAbsolutePath().normalize().resolve("postgres"))
                    .hasMessageContaining("peloton.data-dir");
            assertThat(runs.get(runId).status()).isEqualTo(RunStatus.CANCELED);
        }
        // The server stopped with the context: its pid file is gone.
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid"))).isFalse();

        try (ConfigurableApplicationContext second = start(dataDir)) {
            assertThat(second.getBean(AssetStateStorage.class).latest(ASSET, "2024-07-04")).contains(record);
            assertThat(second.getBean(RunStorage.class).get(runId).status()).isEqualTo(RunStatus.CANCELED);
            assertThat(second.getBean(EventStorage.class).page(runId, 0, 10)).singleElement()
                    .satisfies(e -> assertThat(e.type()).isEqualTo("RUN_CANCELED"));
            JdbcTemplate jdbc = new JdbcTemplate(second.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL",
                    Integer.class)).isEqualTo(dev.peloton.runtime.testing.Migrations.count());
        }
    }
}
