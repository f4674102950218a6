package dev.peloton.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peloton.core.AssetKey;
import dev.peloton.runtime.engine.PelotonEngineProperties;
import dev.peloton.runtime.run.DefaultRunCoordinator;
import dev.peloton.runtime.run.PlanCodec;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.storage.EventRecord;
import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.StepStorage;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class RunWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestDatabase db;
    private WorkerTestSupport t;

    RunWorkerTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() {
        t = new WorkerTestSupport(db);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private RunRecord submit(String selection) {
        return t.coordinator.submit(RunRequest.of(selection)).orElseThrow();
    }

    private RunRecord submit(String selection, int priority) {
        return t.coordinator.submit(new RunRequest(selection, null, false, false, null, priority, Map.of(), null,
                null)).orElseThrow();
    }

    private void awaitStatus(String runId, RunStatus status) {
        await().atMost(WAIT).until(() -> t.status(runId) == status);
    }

    private List<String> eventTypes(String runId) {
        return new EventStorage(db.dataSource()).page(runId, 0, 10_000).stream().map(EventRecord::type).toList();
    }

    @Test
    void aSubmittedRunIsPickedUpAndSucceedsWithItsEventsAndMaterializations() {
        t.worker("w1", 4);

        RunRecord run = submit("+chain/c");
        awaitStatus(run.id(), RunStatus.SUCCESS);

        List<EventRecord> events = new EventStorage(db.dataSource()).page(run.id(), 0, 10_000);
        List<String> types = events.stream().map(EventRecord::type).toList();
        assertThat(types.get(0)).isEqualTo(RunEventCodec.RUN_STARTED);
        assertThat(types.get(types.size() - 1)).isEqualTo(RunEventCodec.RUN_FINISHED);
        assertThat(events.stream().filter(e -> e.type().equals(RunEventCodec.STEP_STARTED))
                .map(EventRecord::stepId).toList()).containsExactly("chain/a", "chain/b", "chain/c");
        assertThat(events.stream().filter(e -> e.type().equals(RunEventCodec.MATERIALIZATION))
                .map(e -> e.asset().toString()).toList()).containsExactly("chain/a", "chain/b", "chain/c");
        assertThat(events).extracting(EventRecord::sequence).isSorted();
        var state = new PostgresAssetStateStorage(db.dataSource());
        assertThat(state.latest(AssetKey.parse("chain/c"), "")).hasValueSatisfying(m ->
                assertThat(m.runId()).isEqualTo(run.id()));
        assertThat(new StepStorage(db.dataSource()).list(run.id())).hasSize(3)
                .allSatisfy(s -> assertThat(s.state()).isEqualTo(StepStorage.StepState.SUCCESS));
        RunRecord ended = t.runs.get(run.id());
        assertThat(ended.workerId()).isEqualTo("w1");
        assertThat(ended.startedAt()).isNotNull();
        assertThat(ended.endedAt()).isNotNull();
    }

    @Test
    void twoWorkersOnOneDatabaseRunEachRunExactlyOnce() {
        t.worker("w1", 4);
        t.worker("w2", 4);
        List<RunRequest> requests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            requests.add(RunRequest.of("count/once"));
        }

        List<RunRecord> queued = t.coordinator.submitAll(requests);
        await().atMost(WAIT).until(() -> t.count("SELECT count(*) FROM runs WHERE status = 'SUCCESS'") == 60);

        assertThat(t.assets.callsPerRun).hasSize(60);
        assertThat(t.assets.callsPerRun.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(t.assets.callsPerRun.keySet()).containsExactlyInAnyOrderElementsOf(
                queued.stream().map(RunRecord::id).toList());
        assertThat(t.count("SELECT count(*) FROM runs WHERE fencing_token <> 1")).isZero();
    }

    @Test
    void aDeadWorkersRunIsResumedElsewhereAndItsLateCommitIsRefused() {
        // A worker that never heartbeats after its claim: as good as dead once dead-after has passed.
        var frozen = new PelotonEngineProperties.Workers(true, Duration.ofHours(1), Duration.ofSeconds(1),
                Duration.ofHours(1), Duration.ofSeconds(2));
        CountDownLatch release = new CountDownLatch(1);
        t.assets.firstBWaitsFor = release;
        RunWorker dead = t.worker("dead", WorkerTestSupport.runsOf(1), frozen, null);
        RunRecord run = submit("+chain/c");
        StepStorage steps = new StepStorage(db.dataSource());
        await().atMost(WAIT).until(() -> steps.list(run.id()).stream().anyMatch(s -> s.stepId().equals("chain/b")
                && s.state() == StepStorage.StepState.RUNNING));

        t.worker("alive", 4);
        awaitStatus(run.id(), RunStatus.SUCCESS);

        RunRecord ended = t.runs.get(run.id());
        assertThat(ended.workerId()).isEqualTo("alive");
        assertThat(ended.fencingToken()).isEqualTo(2);
        assertThat(t.assets.calls("a")).as("a completed before the takeover and is not run again").isEqualTo(1);
        assertThat(t.assets.calls("b")).isEqualTo(2);
        assertThat(t.assets.calls("c")).isEqualTo(1);
        assertThat(eventTypes(run.id())).contains(RunEventCodec.RUN_REQUEUED);

        // The dead worker wakes up and tries to commit chain/b: its fencing token is stale.
        release.countDown();
        await().atMost(WAIT).until(() -> dead.activeRunCount() == 0);
        assertThat(t.count("SELECT count(*) FROM materializations WHERE asset_key = 'chain/b'")).isEqualTo(1);
        assertThat(t.count("SELECT count(*) FROM materializations WHERE asset_key = 'chain/b' AND run_id = ?",
                run.id())).isEqualTo(1);
        assertThat(t.status(run.id())).isEqualTo(RunStatus.SUCCESS);
        assertThat(t.runs.get(run.id()).workerId()).isEqualTo("alive");
    }

    @Test
    void cancelOfARunningRunStopsItAndEndsCanceled() {
        t.assets.hold = new CountDownLatch(1);
        t.worker("w1", 4);
        RunRecord run = submit("held/step");
        await().atMost(WAIT).until(() -> t.assets.running.get() == 1);

        assertThat(t.coordinator.cancel(run.id()).status()).isEqualTo(RunStatus.CANCELING);

        awaitStatus(run.id(), RunStatus.CANCELED);
        assertThat(eventTypes(run.id())).contains(RunEventCodec.RUN_FINISHED);
        assertThat(t.count("SELECT count(*) FROM materializations WHERE asset_key = 'held/step'")).isZero();
        t.assets.hold.countDown();
    }

    @Test
    void cancelOfAQueuedRunMeansNoWorkerRunsIt() {
        t.assets.hold = new CountDownLatch(1);
        t.worker("w1", 1);
        RunRecord blocker = submit("held/step");
        await().atMost(WAIT).until(() -> t.assets.running.get() == 1);
        RunRecord queued = submit("count/once");

        assertThat(t.coordinator.cancel(queued.id()).status()).isEqualTo(RunStatus.CANCELED);
        t.assets.hold.countDown();
        awaitStatus(blocker.id(), RunStatus.SUCCESS);
        RunRecord after = submit("count/once");
        awaitStatus(after.id(), RunStatus.SUCCESS);

        assertThat(t.assets.callsPerRun).containsOnlyKeys(after.id());
        assertThat(t.status(queued.id())).isEqualTo(RunStatus.CANCELED);
    }

    @Test
    void reexecuteFromFailureRunsOnlyTheFailedAndSkippedSteps() {
        t.worker("w1", 4);
        t.assets.failC.set(true);
        RunRecord failed = submit("+chain/d");
        awaitStatus(failed.id(), RunStatus.FAILURE);
        assertThat(t.runs.get(failed.id()).error()).contains("chain/c").contains("told to fail");
        Map<String, StepStorage.StepState> states = new java.util.HashMap<>();
        new StepStorage(db.dataSource()).list(failed.id()).forEach(s -> states.put(s.stepId(), s.state()));
        assertThat(states).containsEntry("chain/c", StepStorage.StepState.FAILURE)
                .containsEntry("chain/d", StepStorage.StepState.SKIPPED);

        t.assets.failC.set(false);
        RunRecord again = t.coordinator.reexecuteFromFailure(failed.id());
        awaitStatus(again.id(), RunStatus.SUCCESS);

        assertThat(new PlanCodec().read(again.planJson(), "run").steps()).extracting(s -> s.id())
                .containsExactly("chain/c", "chain/d");
        assertThat(again.tags()).containsEntry(DefaultRunCoordinator.PARENT_RUN_TAG, failed.id());
        assertThat(t.assets.calls("a")).isEqualTo(1);
        assertThat(t.assets.calls("b")).isEqualTo(1);
        assertThat(t.assets.calls("c")).isEqualTo(2);
        assertThat(t.assets.calls("d")).isEqualTo(1);
    }

    @Test
    void higherPriorityRunsAreClaimedFirst() {
        t.assets.hold = new CountDownLatch(1);
        t.worker("w1", 1);
        RunRecord blocker = submit("held/step");
        await().atMost(WAIT).until(() -> t.assets.running.get() == 1);
        RunRecord low = submit("count/once", 0);
        RunRecord high = submit("count/once", 10);
        RunRecord middle = submit("count/once", 5);

        t.assets.hold.countDown();
        awaitStatus(blocker.id(), RunStatus.SUCCESS);
        await().atMost(WAIT).until(() -> t.assets.orderOfRuns.size() == 3);

        assertThat(t.assets.orderOfRuns).containsExactly(high.id(), middle.id(), low.id());
    }

    @Test
    void theConcurrentRunLimitOfEachNodeIsNeverExceeded() {
        t.assets.hold = new CountDownLatch(1);
        t.worker("w1", 2);
        t.worker("w2", 2);
        List<RunRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(RunRequest.of("held/step"));
        }
        t.coordinator.submitAll(requests);

        await().atMost(WAIT).until(() -> t.assets.running.get() == 4);
        assertThat(t.count("SELECT count(*) FROM runs WHERE status = 'QUEUED'")).isEqualTo(6);
        t.assets.hold.countDown();
        await().atMost(WAIT).until(() -> t.count("SELECT count(*) FROM runs WHERE status = 'SUCCESS'") == 10);

        assertThat(t.assets.maxRunning.get()).isEqualTo(4);
        assertThat(t.count("SELECT count(DISTINCT worker_id) FROM runs")).isEqualTo(2);
    }

    @Test
    void aClusterWidePoolLimitHoldsAcrossWorkers() {
        t.assets.hold = new CountDownLatch(1);
        Map<String, Integer> limits = Map.of("warehouse", 2);
        t.worker("w1", WorkerTestSupport.runsOf(4), WorkerTestSupport.fastWorkers(),
                new PostgresPoolLimiter(db.dataSource(), limits));
        t.worker("w2", WorkerTestSupport.runsOf(4), WorkerTestSupport.fastWorkers(),
                new PostgresPoolLimiter(db.dataSource(), limits));
        List<RunRequest> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(RunRequest.of("pool/step"));
        }
        t.coordinator.submitAll(requests);

        // Both nodes hold runs; only two of their steps are inside the pool.
        await().atMost(WAIT).until(() -> t.assets.inPool.get() == 2
                && t.count("SELECT count(*) FROM runs WHERE status = 'RUNNING'") == 8);
        assertThat(t.count("SELECT count(*) FROM pool_slots WHERE run_id IS NOT NULL")).isEqualTo(2);
        t.assets.hold.countDown();
        await().atMost(WAIT).until(() -> t.count("SELECT count(*) FROM runs WHERE status = 'SUCCESS'") == 8);

        assertThat(t.assets.maxInPool.get()).isEqualTo(2);
        assertThat(t.count("SELECT count(*) FROM pool_slots WHERE run_id IS NOT NULL")).isZero();
    }

    @Test
    void printsTheTimeFromSubmitToTheFirstStepStarted() {
        t.worker("w1", 4);
        EventStorage events = new EventStorage(db.dataSource());
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            RunRecord run = submit("count/once");
            AtomicInteger found = new AtomicInteger();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(2)).until(() -> {
                List<EventRecord> page = events.page(run.id(), 0, 100);
                for (EventRecord e : page) {
                    if (e.type().equals(RunEventCodec.STEP_STARTED)) {
                        micros.add(Duration.between(run.createdAt(), e.timestamp()).toNanos() / 1_000);
                        found.incrementAndGet();
                        return true;
                    }
                }
                return false;
            });
            assertThat(found.get()).isEqualTo(1);
        }
        List<Long> sorted = micros.stream().sorted().toList();
        System.out.printf("latency: submit to first StepStarted over %d runs: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                sorted.size(), sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() * 95 / 100) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
        assertThat(sorted).hasSize(50);
    }
}
