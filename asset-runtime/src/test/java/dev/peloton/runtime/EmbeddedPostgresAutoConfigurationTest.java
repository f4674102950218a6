package dev.peloton.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.runtime.bootapp.TestApplication;
import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.NewRun;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With no {@code spring.datasource.url}, the application gets an embedded PostgreSQL under its data directory. */
@SpringBootTest(classes = TestApplication.class)
// Stop the server before the temporary data directory is deleted.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EmbeddedPostgresAutoConfigurationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("peloton.data-dir", () -> dataDir.toString());
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;
    @Autowired
    AssetStateStorage assetState;
    @Autowired
    RunStorage runs;
    @Autowired
    EventStorage events;

    @Test
    void startsEmbeddedPostgresWithItsDataUnderTheDataDirectory() {
        EmbeddedPostgres postgres = context.getBean(EmbeddedPostgres.class);

        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        assertThat(((HikariDataSource) dataSource).getJdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:" + postgres.getPort() + "/peloton");
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).isEqualTo("peloton");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class))
                .isEqualTo(dev.peloton.runtime.testing.Migrations.count());
    }

    @Test
    void storageBeansWorkOnIt() {
        assertThat(assetState).isInstanceOf(PostgresAssetStateStorage.class);
        AssetKey asset = AssetKey.of("warehouse", "stage_results");
        MaterializationRecord record = new MaterializationRecord(asset, "", "dv", "code", Map.of(), "run-1",
                Instant.parse("2024-07-04T10:00:00Z"));
        assetState.recordMaterialization(record);
        assertThat(assetState.latest(asset, "")).contains(record);

        String runId = runs.create(NewRun.of(List.of(asset), PartitionSet.of(0)));
        assertThat(runs.get(runId).status()).isEqualTo(RunStatus.QUEUED);
        assertThat(events.count(runId)).isZero();
    }

    @Test
    void storageBeansAreCreatedAfterTheMigrations() {
        var beanFactory = ((org.springframework.context.ConfigurableApplicationContext) context).getBeanFactory();
        for (String storage : List.of("pelotonAssetStateStorage", "pelotonRunStorage", "pelotonEventStorage")) {
            assertThat(beanFactory.getBeanDefinition(storage).getDependsOn()).as(storage).contains("flywayInitializer");
        }
    }

    @Test
    void eventRetentionIsOffByDefault() {
        assertThat(context.getBeansOfType(EventRetention.class)).isEmpty();
    }
}
