package dev.peloton.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

@ExtendWith(EmbeddedPostgresExtension.class)
class MigrationsTest {

    private static final List<String> TABLES = List.of(
            "asset_check_results", "asset_partition_state", "backfills", "dynamic_partitions", "event_log",
            "flyway_schema_history", "instigator_state", "materializations", "pool_slots",
            "qrtz_blob_triggers", "qrtz_calendars", "qrtz_cron_triggers", "qrtz_fired_triggers",
            "qrtz_job_details", "qrtz_locks", "qrtz_paused_trigger_grps", "qrtz_scheduler_state",
            "qrtz_simple_triggers", "qrtz_simprop_triggers", "qrtz_triggers",
            "run_keys", "runs", "steps", "ticks");

    @Test
    void migrationsApplyOnAnEmptyDatabaseAndAreIdempotent(EmbeddedPostgresExtension.Server server) throws Exception {
        String url = server.createEmptyDatabase();
        Flyway flyway = Flyway.configure().dataSource(url, "postgres", null).locations("classpath:db/migration")
                .load();
        int migrationFiles;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            migrationFiles = (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        }

        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isEqualTo(migrationFiles);
        MigrateResult again = flyway.migrate();
        assertThat(again.migrationsExecuted).isZero();
        ValidateResult validation = flyway.validateWithResult();
        assertThat(validation.validationSuccessful).as(String.valueOf(validation.getAllErrorMessages())).isTrue();

        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        assertThat(jdbc.queryForList("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'public' ORDER BY table_name", String.class))
                .containsExactlyElementsOf(TABLES);
    }

    @Test
    void migrationFilesFollowTheNamingRule() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .isNotEmpty()
                    .allMatch(name -> name.matches("V[1-9]\\d*__[a-z0-9_]+\\.sql"), "V<n>__<what>.sql");
        }
    }
}
