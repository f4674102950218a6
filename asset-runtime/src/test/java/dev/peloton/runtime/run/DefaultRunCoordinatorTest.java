package dev.peloton.runtime.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetKey;
import dev.peloton.core.InvalidPartitionKeyException;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.discovery.AssetDiscovery;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.selection.InvalidSelectionException;
import dev.peloton.runtime.storage.IllegalRunTransitionException;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class DefaultRunCoordinatorTest {

    public static class DayAssets {
        @Partitions("days")
        public static final PartitionsDefinition DAYS = PartitionsDefinition.staticKeys("d1", "d2", "d3");

        @Asset(key = "raw/readings", partitions = "days")
        public int readings() {
            return 1;
        }

        @Asset(key = "warehouse/daily", partitions = "days")
        public int daily(@dev.peloton.core.In("raw/readings") int readings) {
            return readings + 1;
        }
    }

    private final TestDatabase db;
    private RunStorage runs;
    private DefaultRunCoordinator coordinator;

    DefaultRunCoordinatorTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() {
        db.truncate("runs", "run_keys", "steps");
        AssetGraph graph = AssetDiscovery.scan(new DayAssets()).toGraph();
        runs = new RunStorage(db.dataSource());
        coordinator = new DefaultRunCoordinator(db.dataSource(), graph, runs,
                new PostgresAssetStateStorage(db.dataSource()));
    }

    private int runCount() {
        return db.jdbc().queryForObject("SELECT count(*) FROM runs", Integer.class);
    }

    @Test
    void submitQueuesTheRunWithItsPlan() {
        RunRequest request = new RunRequest("+warehouse/daily", PartitionSelection.keys("d2"), false, false, null,
                5, Map.of("team", "data"), null, null);

        RunRecord run = coordinator.submit(request).orElseThrow();

        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.priority()).isEqualTo(5);
        assertThat(run.tags()).containsEntry("team", "data");
        assertThat(run.selection()).containsExactly(AssetKey.parse("raw/readings"), AssetKey.parse("warehouse/daily"));
        Plan stored = new PlanCodec().read(run.planJson(), "run");
        assertThat(stored.steps()).extracting(s -> s.id())
                .containsExactly("raw/readings[d2]", "warehouse/daily[d2]");
        assertThat(stored.steps().get(1).dependsOn()).containsExactly("raw/readings[d2]");
        assertThat(stored).isEqualTo(coordinator.preview(request));
    }

    @Test
    void aUsedRunKeyStartsNoRun() {
        RunRequest keyed = new RunRequest("raw/readings", null, false, false, null, 0, null, null,
                "schedule:nightly:2024-07-04T00:00Z");

        Optional<RunRecord> first = coordinator.submit(keyed);
        Optional<RunRecord> second = coordinator.submit(keyed);

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(runCount()).isEqualTo(1);
        assertThat(db.jdbc().queryForMap("SELECT kind, name, run_key, run_id::text AS run_id FROM run_keys"))
                .containsEntry("kind", "SCHEDULE").containsEntry("name", "nightly")
                .containsEntry("run_key", "2024-07-04T00:00Z").containsEntry("run_id", first.get().id());
    }

    @Test
    void submitAllQueuesManyAndLeavesOutUsedRunKeys() {
        coordinator.submit(new RunRequest("raw/readings", null, false, false, null, 0, null, null, "k-1"));
        List<RunRequest> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(new RunRequest("raw/readings", PartitionSelection.keys("d" + (1 + i % 3)), false, false,
                    null, 0, null, null, "k-" + i));
        }
        requests.add(requests.get(3));

        List<RunRecord> queued = coordinator.submitAll(requests);

        assertThat(queued).hasSize(19);
        assertThat(queued).extracting(RunRecord::tags).extracting(t -> t.get(DefaultRunCoordinator.RUN_KEY_TAG))
                .doesNotContain("k-1").doesNotHaveDuplicates();
        assertThat(runCount()).isEqualTo(20);
    }

    @Test
    void badSelectionsAndPartitionKeysWriteNothing() {
        assertThatThrownBy(() -> coordinator.submit(RunRequest.of("warehouse/daily +")))
                .isInstanceOf(InvalidSelectionException.class);
        assertThatThrownBy(() -> coordinator.submit(RunRequest.of("warehouse/nope")))
                .isInstanceOf(InvalidSelectionException.class).hasMessageContaining("warehouse/nope");
        assertThatThrownBy(() -> coordinator.submit(RunRequest.of("warehouse/daily")
                .withPartitions(PartitionSelection.keys("d9"))))
                .isInstanceOf(InvalidPartitionKeyException.class).hasMessageContaining("d9");
        // One bad request rejects the whole batch.
        assertThatThrownBy(() -> coordinator.submitAll(List.of(RunRequest.of("raw/readings"),
                RunRequest.of("raw/readings").withPartitions(PartitionSelection.keys("zz")))))
                .isInstanceOf(InvalidPartitionKeyException.class);

        assertThat(runCount()).isZero();
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM run_keys", Integer.class)).isZero();
    }

    @Test
    void cancelOfAQueuedRunCancelsAtOnce() {
        RunRecord run = coordinator.submit(RunRequest.of("raw/readings")).orElseThrow();

        RunRecord canceled = coordinator.cancel(run.id());

        assertThat(canceled.status()).isEqualTo(RunStatus.CANCELED);
        assertThat(runs.claimNext("w", 10)).isEmpty();
        assertThatThrownBy(() -> coordinator.cancel(run.id()))
                .isInstanceOf(IllegalRunTransitionException.class).hasMessageContaining("ended");
    }

    @Test
    void cancelOfAClaimedRunAsksItsWorker() {
        RunRecord run = coordinator.submit(RunRequest.of("raw/readings")).orElseThrow();
        runs.claimNext("w", 1);

        assertThat(coordinator.cancel(run.id()).status()).isEqualTo(RunStatus.CANCELING);
        assertThat(coordinator.cancel(run.id()).status()).isEqualTo(RunStatus.CANCELING);
    }

    @Test
    void onlyAnEndedRunThatDidNotSucceedCanBeReexecuted() {
        RunRecord run = coordinator.submit(RunRequest.of("raw/readings")).orElseThrow();

        assertThatThrownBy(() -> coordinator.reexecuteFromFailure(run.id()))
                .isInstanceOf(IllegalRunTransitionException.class).hasMessageContaining("FAILURE or CANCELED");
    }
}
