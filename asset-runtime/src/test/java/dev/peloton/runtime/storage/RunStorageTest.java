package dev.peloton.runtime.storage;

import static dev.peloton.runtime.storage.RunStatus.CANCELED;
import static dev.peloton.runtime.storage.RunStatus.CANCELING;
import static dev.peloton.runtime.storage.RunStatus.FAILURE;
import static dev.peloton.runtime.storage.RunStatus.QUEUED;
import static dev.peloton.runtime.storage.RunStatus.RUNNING;
import static dev.peloton.runtime.storage.RunStatus.STARTING;
import static dev.peloton.runtime.storage.RunStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class RunStorageTest {

    private static final AssetKey STAGES = AssetKey.of("raw", "stages");
    private static final AssetKey RESULTS = AssetKey.of("warehouse", "stage_results");

    private final TestDatabase db;
    private RunStorage runs;

    RunStorageTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void emptyTables() {
        db.truncate("runs", "backfills");
        runs = new RunStorage(db.dataSource());
    }

    private String enqueue(int priority) {
        return runs.create(NewRun.of(List.of(RESULTS), PartitionSet.of(0)).withPriority(priority));
    }

    private String insertBackfill() {
        String id = RunIds.next().toString();
        db.jdbc().update("INSERT INTO backfills (id, status, selection, partitions, policy)"
                + " VALUES (?::uuid, 'REQUESTED', '[\"warehouse/stage_results\"]', '0-99', 'ONE_RUN_PER_PARTITION')", id);
        return id;
    }

    /** Claims a run for a worker and takes it to RUNNING. */
    private RunRecord running(String worker) {
        RunRecord claimed = runs.claimNext(worker, 1).get(0);
        return runs.transitionFenced(claimed.id(), claimed.fencingToken(), EnumSet.of(STARTING), RUNNING, null);
    }

    @Test
    void createdRunIsQueuedWithEverythingItWasGiven() {
        String backfill = insertBackfill();
        PartitionSet partitions = PartitionSet.builder().addRange(0, 365).add(400).build();
        String id = runs.create(new NewRun(List.of(STAGES, RESULTS), partitions, "{\"steps\": [1, 2]}",
                Map.of("owner", "team-data", "quote", "it's"), 5, backfill));

        RunRecord run = runs.get(id);
        assertThat(run.id()).isEqualTo(id);
        assertThat(run.status()).isEqualTo(QUEUED);
        assertThat(run.priority()).isEqualTo(5);
        assertThat(run.selection()).containsExactly(STAGES, RESULTS);
        assertThat(run.partitions()).isEqualTo(partitions);
        assertThat(run.planJson()).isEqualTo("{\"steps\": [1, 2]}");
        assertThat(run.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("owner", "team-data", "quote", "it's"));
        assertThat(run.backfillId()).isEqualTo(backfill);
        assertThat(run.workerId()).isNull();
        assertThat(run.fencingToken()).isZero();
        assertThat(run.createdAt()).isNotNull();
        assertThat(run.startedAt()).isNull();
        assertThat(run.endedAt()).isNull();
    }

    @Test
    void badRunsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> NewRun.of(List.of(), PartitionSet.of(0)))
                .hasMessageContaining("at least one asset");
        assertThatThrownBy(() -> runs.create(NewRun.of(List.of(RESULTS), PartitionSet.of(0)).withPlan("{steps")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plan of run 1 of 1 is not valid JSON");
        String unknownBackfill = RunIds.next().toString();
        assertThatThrownBy(() -> runs.create(NewRun.of(List.of(RESULTS), PartitionSet.of(0))
                .withBackfill(unknownBackfill)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(unknownBackfill);
        assertThatThrownBy(() -> NewRun.of(List.of(RESULTS), PartitionSet.of(0)).withBackfill("bf-1"))
                .hasMessageContaining("Invalid run id 'bf-1'");
        assertThat(runs.list(RunQuery.all(10)).runs()).isEmpty();
    }

    @Test
    void unknownAndMalformedIdsAreToldApart() {
        String unknown = RunIds.next().toString();
        assertThat(runs.find(unknown)).isEmpty();
        assertThatThrownBy(() -> runs.get(unknown))
                .isInstanceOf(NoSuchRunException.class)
                .hasMessage("No run with id " + unknown);
        assertThatThrownBy(() -> runs.find("not-a-uuid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid run id 'not-a-uuid'");
        assertThatThrownBy(() -> runs.transition(unknown, EnumSet.of(QUEUED), CANCELED))
                .isInstanceOf(NoSuchRunException.class);
    }

    @Test
    void claimTakesHighestPriorityFirstThenOldest() {
        String low = enqueue(0);
        String high1 = enqueue(10);
        String mid = enqueue(5);
        String high2 = enqueue(10);

        List<RunRecord> first = runs.claimNext("w1", 3);
        assertThat(first).extracting(RunRecord::id).containsExactly(high1, high2, mid);
        assertThat(first).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(STARTING);
            assertThat(r.workerId()).isEqualTo("w1");
            assertThat(r.fencingToken()).isEqualTo(1);
            assertThat(r.heartbeatAt()).isNotNull();
        });
        assertThat(runs.claimNext("w2", 3)).extracting(RunRecord::id).containsExactly(low);
        assertThat(runs.claimNext("w2", 3)).isEmpty();
    }

    @Test
    void claimRejectsBadArguments() {
        assertThatThrownBy(() -> runs.claimNext(" ", 1)).hasMessageContaining("worker id must not be blank");
        assertThatThrownBy(() -> runs.claimNext("w", 0)).hasMessageContaining("between 1 and 1000, got 0");
    }

    @Test
    void concurrentClaimersNeverGetTheSameRun() throws Exception {
        int total = 400;
        runs.createAll(IntStream.range(0, total)
                .mapToObj(i -> NewRun.of(List.of(RESULTS), PartitionSet.of(i)).withPriority(i % 3))
                .toList());
        int claimers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<RunRecord>>> futures = new ArrayList<>();
        try {
            for (int c = 0; c < claimers; c++) {
                String worker = "worker-" + c;
                // Each claimer has its own storage and so its own connections from the pool.
                RunStorage own = new RunStorage(db.dataSource());
                Callable<List<RunRecord>> claimLoop = () -> {
                    start.await();
                    List<RunRecord> mine = new ArrayList<>();
                    List<RunRecord> batch;
                    while (!(batch = own.claimNext(worker, 3)).isEmpty()) {
                        mine.addAll(batch);
                    }
                    return mine;
                };
                futures.add(pool.submit(claimLoop));
            }
            start.countDown();
            Map<String, Integer> timesClaimed = new HashMap<>();
            Map<String, String> claimedBy = new HashMap<>();
            for (Future<List<RunRecord>> f : futures) {
                for (RunRecord r : f.get(60, TimeUnit.SECONDS)) {
                    timesClaimed.merge(r.id(), 1, Integer::sum);
                    claimedBy.put(r.id(), r.workerId());
                }
            }

            assertThat(timesClaimed).hasSize(total);
            assertThat(timesClaimed.values()).containsOnly(1);
            // The database agrees with what each claimer was told.
            for (RunRecord stored : runs.list(RunQuery.all(1000)).runs()) {
                assertThat(stored.status()).isEqualTo(STARTING);
                assertThat(stored.fencingToken()).isEqualTo(1);
                assertThat(stored.workerId()).isEqualTo(claimedBy.get(stored.id()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void legalLifeOfARunSetsItsTimes() {
        enqueue(0);
        RunRecord run = running("w1");
        assertThat(run.status()).isEqualTo(RUNNING);
        assertThat(run.startedAt()).isNotNull();
        assertThat(run.endedAt()).isNull();

        RunRecord done = runs.transition(run.id(), EnumSet.of(RUNNING), SUCCESS);
        assertThat(done.status()).isEqualTo(SUCCESS);
        assertThat(done.startedAt()).isEqualTo(run.startedAt());
        assertThat(done.endedAt()).isAfterOrEqualTo(done.startedAt());
    }

    @Test
    void failureKeepsItsError() {
        enqueue(0);
        RunRecord run = running("w1");

        RunRecord failed = runs.transition(run.id(), EnumSet.of(RUNNING), FAILURE, "step warehouse/x failed: boom");
        assertThat(failed.status()).isEqualTo(FAILURE);
        assertThat(failed.error()).isEqualTo("step warehouse/x failed: boom");
        assertThat(runs.get(run.id()).error()).isEqualTo("step warehouse/x failed: boom");
    }

    @Test
    void illegalTransitionsAreRejectedAndLeaveTheRunUnchanged() {
        String queued = enqueue(0);
        RunRecord before = runs.get(queued);

        // A queued run starts only by being claimed.
        assertThatThrownBy(() -> runs.transition(queued, EnumSet.of(QUEUED), RUNNING))
                .isInstanceOf(IllegalRunTransitionException.class)
                .hasMessage("Run " + queued + " cannot go from QUEUED to RUNNING:"
                        + " from QUEUED a run can only go to [CANCELING, CANCELED]")
                .satisfies(e -> {
                    IllegalRunTransitionException ex = (IllegalRunTransitionException) e;
                    assertThat(ex.current()).isEqualTo(QUEUED);
                    assertThat(ex.requested()).isEqualTo(RUNNING);
                });
        // The caller thought it was running.
        assertThatThrownBy(() -> runs.transition(queued, EnumSet.of(RUNNING, STARTING), FAILURE))
                .isInstanceOf(IllegalRunTransitionException.class)
                .hasMessageContaining("it is QUEUED, not one of the expected [STARTING, RUNNING]");
        assertThat(runs.get(queued)).isEqualTo(before);

        RunRecord canceled = runs.transition(queued, EnumSet.of(QUEUED), CANCELED);
        assertThat(canceled.endedAt()).isNotNull();
        for (RunStatus next : RunStatus.values()) {
            assertThatThrownBy(() -> runs.transition(queued, EnumSet.allOf(RunStatus.class), next))
                    .as("CANCELED -> %s", next)
                    .isInstanceOf(IllegalRunTransitionException.class)
                    .hasMessageContaining("it has ended");
        }
        assertThat(runs.get(queued)).isEqualTo(canceled);
        assertThatThrownBy(() -> runs.transition(queued, Set.of(), QUEUED))
                .hasMessageContaining("Expected statuses must not be empty");
    }

    @Test
    void cancelGoesThroughCanceling() {
        enqueue(0);
        RunRecord run = running("w1");

        assertThat(runs.transition(run.id(), EnumSet.of(RUNNING), CANCELING).status()).isEqualTo(CANCELING);
        assertThatThrownBy(() -> runs.transition(run.id(), EnumSet.of(CANCELING), SUCCESS))
                .isInstanceOf(IllegalRunTransitionException.class);
        assertThat(runs.transition(run.id(), EnumSet.of(CANCELING), CANCELED).status()).isEqualTo(CANCELED);
    }

    @Test
    void racingTransitionsFromOneStatusLetExactlyOneWin() throws Exception {
        for (int round = 0; round < 20; round++) {
            enqueue(0);
            RunRecord run = running("w1");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Boolean> success = pool.submit(() -> tryTransition(start, run.id(), SUCCESS));
                Future<Boolean> cancel = pool.submit(() -> tryTransition(start, run.id(), CANCELING));
                start.countDown();
                boolean successWon = success.get(30, TimeUnit.SECONDS);
                boolean cancelWon = cancel.get(30, TimeUnit.SECONDS);

                assertThat(successWon ^ cancelWon).as("round %d: exactly one wins", round).isTrue();
                assertThat(runs.get(run.id()).status()).as("round %d", round)
                        .isEqualTo(successWon ? SUCCESS : CANCELING);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private boolean tryTransition(CountDownLatch start, String runId, RunStatus next) throws InterruptedException {
        start.await();
        try {
            runs.transition(runId, EnumSet.of(RUNNING), next);
            return true;
        } catch (IllegalRunTransitionException e) {
            return false;
        }
    }

    @Test
    void reclaimAfterRequeueIncrementsTheFencingTokenAndFencesOutTheOldWorker() {
        enqueue(0);
        RunRecord first = running("w1");
        assertThat(first.fencingToken()).isEqualTo(1);

        // w1 stops heartbeating; the run is handed back to the queue and w2 claims it.
        RunRecord requeued = runs.transition(first.id(), EnumSet.of(RUNNING), QUEUED);
        assertThat(requeued.workerId()).isNull();
        assertThat(requeued.heartbeatAt()).isNull();
        RunRecord second = runs.claimNext("w2", 1).get(0);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.fencingToken()).isEqualTo(2);
        assertThat(second.workerId()).isEqualTo("w2");

        assertThat(runs.heartbeat(first.id(), 1)).isFalse();
        assertThatThrownBy(() -> runs.transitionFenced(first.id(), 1, EnumSet.of(STARTING, RUNNING), SUCCESS, null))
                .isInstanceOf(IllegalRunTransitionException.class)
                .hasMessageContaining("its fencing token is 2, not 1");
        assertThat(runs.get(first.id()).status()).isEqualTo(STARTING);

        assertThat(runs.heartbeat(first.id(), 2)).isTrue();
        assertThat(runs.transitionFenced(first.id(), 2, EnumSet.of(STARTING), RUNNING, null).status())
                .isEqualTo(RUNNING);
        // The first start time stays: the run started once, as far as its users are concerned.
        assertThat(runs.get(first.id()).startedAt()).isEqualTo(first.startedAt());
    }

    @Test
    void heartbeatOfAnEndedRunIsRefused() {
        enqueue(0);
        RunRecord run = running("w1");
        runs.transition(run.id(), EnumSet.of(RUNNING), SUCCESS);

        assertThat(runs.heartbeat(run.id(), run.fencingToken())).isFalse();
    }

    @Test
    void staleRunsAreThoseWhoseHeartbeatIsOlderThanTheLimit() {
        enqueue(0);
        enqueue(0);
        enqueue(0);
        String queued = enqueue(0);
        RunRecord fresh = running("w1");
        RunRecord stale = running("w2");
        RunRecord ended = running("w3");
        runs.transition(ended.id(), EnumSet.of(RUNNING), SUCCESS);
        db.jdbc().update("UPDATE runs SET heartbeat_at = now() - interval '10 minutes' WHERE id IN (?::uuid, ?::uuid)",
                stale.id(), ended.id());

        assertThat(runs.findStale(Duration.ofMinutes(5))).extracting(RunRecord::id).containsExactly(stale.id());
        assertThat(runs.findStale(Duration.ofMinutes(15))).isEmpty();
        assertThat(runs.heartbeat(stale.id(), stale.fencingToken())).isTrue();
        assertThat(runs.findStale(Duration.ofMinutes(5))).isEmpty();
        assertThat(runs.findStale(Duration.ZERO)).extracting(RunRecord::id)
                .containsExactlyInAnyOrder(fresh.id(), stale.id())
                .doesNotContain(queued);
        assertThatThrownBy(() -> runs.findStale(Duration.ofSeconds(-1))).hasMessageContaining("must not be negative");
    }

    @Test
    void listPagesThroughEveryRunNewestFirstWithoutDuplicates() {
        List<String> ids = runs.createAll(IntStream.range(0, 53)
                .mapToObj(i -> NewRun.of(List.of(RESULTS), PartitionSet.of(i))).toList());
        List<String> newestFirst = new ArrayList<>(runs.list(RunQuery.all(1000)).runs().stream()
                .map(RunRecord::id).toList());

        List<String> paged = new ArrayList<>();
        RunQuery query = RunQuery.all(10);
        int pages = 0;
        while (true) {
            RunPage page = runs.list(query);
            pages++;
            page.runs().forEach(r -> paged.add(r.id()));
            if (page.next().isEmpty()) {
                break;
            }
            // The cursor travels as a string, as through an API.
            query = query.after(RunCursor.parse(page.next().get().token()));
        }

        assertThat(pages).isEqualTo(6);
        assertThat(paged).containsExactlyElementsOf(newestFirst);
        assertThat(paged).containsExactlyInAnyOrderElementsOf(ids);
        List<RunRecord> all = runs.list(RunQuery.all(1000)).runs();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i - 1).createdAt()).isAfterOrEqualTo(all.get(i).createdAt());
        }
    }

    @Test
    void listFiltersByStatusBackfillAssetAndTime() {
        String backfill = insertBackfill();
        String stagesRun = runs.create(NewRun.of(List.of(STAGES), PartitionSet.of(0)));
        String bothRun = runs.create(NewRun.of(List.of(STAGES, RESULTS), PartitionSet.of(0)).withBackfill(backfill));
        String resultsRun = runs.create(NewRun.of(List.of(RESULTS), PartitionSet.of(1)).withBackfill(backfill));
        runs.transition(resultsRun, EnumSet.of(QUEUED), CANCELED);

        assertThat(ids(RunQuery.all(100).withAsset(STAGES))).containsExactlyInAnyOrder(stagesRun, bothRun);
        assertThat(ids(RunQuery.all(100).withAsset(RESULTS))).containsExactlyInAnyOrder(bothRun, resultsRun);
        assertThat(ids(RunQuery.all(100).withAsset(AssetKey.of("raw")))).isEmpty();
        assertThat(ids(RunQuery.all(100).withBackfill(backfill))).containsExactlyInAnyOrder(bothRun, resultsRun);
        assertThat(ids(RunQuery.all(100).withStatuses(Set.of(CANCELED)))).containsExactly(resultsRun);
        assertThat(ids(RunQuery.all(100).withStatuses(Set.of(QUEUED)).withBackfill(backfill)))
                .containsExactly(bothRun);

        RunRecord middle = runs.get(bothRun);
        assertThat(ids(RunQuery.all(100).createdBetween(middle.createdAt(), null)))
                .containsExactlyInAnyOrder(bothRun, resultsRun);
        assertThat(ids(RunQuery.all(100).createdBetween(null, middle.createdAt()))).containsExactly(stagesRun);
    }

    private List<String> ids(RunQuery query) {
        return runs.list(query).runs().stream().map(RunRecord::id).toList();
    }

    @Test
    void badQueriesAndCursorsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> RunQuery.all(0)).hasMessageContaining("between 1 and 1000, got 0");
        assertThatThrownBy(() -> RunCursor.parse("garbage!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid run page cursor 'garbage!'");
        java.time.Instant now = java.time.Instant.now();
        assertThatThrownBy(() -> RunQuery.all(5).createdBetween(now, now.minusSeconds(1)))
                .hasMessageContaining("must be before createdBefore");
        assertThatThrownBy(() -> RunQuery.all(5).withBackfill("nope")).hasMessageContaining("Invalid run id 'nope'");
    }

    @Test
    void createAllIsAllOrNothing() {
        String unknownBackfill = RunIds.next().toString();
        List<NewRun> batch = new ArrayList<>(Collections.nCopies(5, NewRun.of(List.of(RESULTS), PartitionSet.of(0))));
        batch.add(NewRun.of(List.of(RESULTS), PartitionSet.of(0)).withBackfill(unknownBackfill));

        assertThatThrownBy(() -> runs.createAll(batch)).isInstanceOf(IllegalArgumentException.class);
        assertThat(runs.list(RunQuery.all(10)).runs()).isEmpty();
    }
}
