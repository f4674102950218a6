package dev.peloton.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.runtime.storage.NewRun;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class DatabaseGaugesTest {

    private final TestDatabase db;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    DatabaseGaugesTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void emptyTables() {
        db.truncate("runs", "backfills");
    }

    @Test
    void countsRunsPerStatusAndTheAgeOfTheOldestQueuedRun() {
        RunStorage runs = new RunStorage(db.dataSource());
        for (int i = 0; i < 3; i++) {
            runs.create(NewRun.of(List.of(AssetKey.parse("race/stages")), PartitionSet.of(i)));
        }
        runs.claimNext("w1", 1);
        db.jdbc().update("UPDATE runs SET created_at = now() - interval '100 seconds' WHERE status = 'QUEUED'");
        try (DatabaseGauges gauges = new DatabaseGauges(db.dataSource(), null, Duration.ofHours(1), 10)) {
            gauges.bindTo(registry);
            assertThat(registry.get(PelotonMeterNames.RUNS).tag("status", "QUEUED").gauge().value()).isEqualTo(2);
            assertThat(registry.get(PelotonMeterNames.RUNS).tag("status", "STARTING").gauge().value()).isEqualTo(1);
            assertThat(registry.get(PelotonMeterNames.RUNS).tag("status", "SUCCESS").gauge().value()).isZero();
            assertThat(registry.get(PelotonMeterNames.QUEUE_DEPTH).gauge().value()).isEqualTo(2);
            assertThat(registry.get(PelotonMeterNames.QUEUE_OLDEST_AGE).gauge().value()).isBetween(100.0, 1_000.0);

            // Values are cached until the next refresh: a new run is counted only then.
            runs.create(NewRun.of(List.of(AssetKey.parse("race/stages")), PartitionSet.of(9)));
            assertThat(registry.get(PelotonMeterNames.QUEUE_DEPTH).gauge().value()).isEqualTo(2);
            gauges.refresh();
            assertThat(registry.get(PelotonMeterNames.QUEUE_DEPTH).gauge().value()).isEqualTo(3);
        }
    }

    @Test
    void emptyQueueHasAgeZero() {
        try (DatabaseGauges gauges = new DatabaseGauges(db.dataSource(), null, Duration.ofHours(1), 10)) {
            gauges.bindTo(registry);
            assertThat(registry.get(PelotonMeterNames.QUEUE_DEPTH).gauge().value()).isZero();
            assertThat(registry.get(PelotonMeterNames.QUEUE_OLDEST_AGE).gauge().value()).isZero();
        }
    }

    @Test
    void badSettingsAreRefusedWithTheirPropertyName() {
        assertThatThrownBy(() -> new DatabaseGauges(db.dataSource(), null, Duration.ZERO, 10))
                .hasMessageContaining("peloton.metrics.refresh-interval").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new DatabaseGauges(db.dataSource(), null, Duration.ofSeconds(1), -1))
                .hasMessageContaining("peloton.metrics.max-backfills").hasMessageContaining("-1");
    }

    @Test
    void stepIdsMapToTheirAsset() {
        assertThat(WorkerMetrics.assetOf("warehouse/stage_results[2023-07-04]")).isEqualTo("warehouse/stage_results");
        assertThat(WorkerMetrics.assetOf("marts/summary")).isEqualTo("marts/summary");
        assertThat(WorkerMetrics.assetOf("raw/stages[2023-07-01..2023-07-04]")).isEqualTo("raw/stages");
    }
}
