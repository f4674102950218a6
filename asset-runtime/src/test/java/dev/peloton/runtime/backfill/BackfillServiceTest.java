package dev.peloton.runtime.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.engine.plan.InvalidPlanRequestException;

import dev.peloton.core.InvalidPartitionKeyException;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlannedStep;
import dev.peloton.core.engine.selection.InvalidSelectionException;
import dev.peloton.runtime.run.PlanCodec;
import dev.peloton.runtime.storage.PartitionSetCodec;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class BackfillServiceTest {

    private static final String CHAIN = "+marts/standings";
    private static final List<String> TOUR_DAYS = List.of("2023-07-04", "2023-07-05", "2023-07-06", "2023-07-07",
            "2023-07-08", "2023-07-09", "2023-07-10", "2023-07-11", "2023-07-12", "2023-07-13", "2023-07-14",
            "2023-07-15", "2023-07-16");

    private final TestDatabase db;
    private BackfillFixture f;

    BackfillServiceTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() {
        f = new BackfillFixture(db, new BackfillService.Limits(14_000, 12_000));
    }

    private static Plan plan(RunRecord run) {
        return new PlanCodec().read(run.planJson(), "run " + run.id());
    }

    private BackfillRecord tour(BackfillPolicy policy) {
        return f.service.create(BackfillRequest.range(CHAIN, "2023-07-04", "2023-07-16").withPolicy(policy)
                .withTags(Map.of("team", "data")));
    }

    @Test
    void onePerPartitionSubmitsOneRunOfTheChainPerDay() {
        BackfillRecord b = tour(BackfillPolicy.onePerPartition());
        assertThat(b.status()).isEqualTo(BackfillStatus.REQUESTED);
        assertThat(b.numPartitions()).isEqualTo(13);
        assertThat(f.runCount()).isZero();

        f.daemon(5, null).runOnce();

        List<RunRecord> runs = f.runsOf(b.id());
        assertThat(runs).hasSize(13);
        assertThat(runs).extracting(r -> r.tags().get(BackfillTags.PARTITION)).containsExactlyElementsOf(TOUR_DAYS);
        for (RunRecord run : runs) {
            String day = run.tags().get(BackfillTags.PARTITION);
            assertThat(plan(run).steps()).extracting(PlannedStep::id).containsExactly("raw/stages[" + day + "]",
                    "warehouse/stage_results[" + day + "]", "marts/standings[" + day + "]");
            assertThat(run.tags()).containsEntry("team", "data").containsEntry(BackfillTags.BACKFILL_ID, b.id());
            assertThat(run.backfillId()).isEqualTo(b.id());
        }
        assertThat(runs).extracting(r -> r.tags().get("peloton/run_key")).doesNotHaveDuplicates()
                .allMatch(k -> k.startsWith("backfill:" + b.id() + ":"));
        BackfillRecord after = f.service.get(b.id());
        assertThat(after.status()).isEqualTo(BackfillStatus.RUNNING);
        assertThat(after.submittedChunks()).isEqualTo(13);
    }

    @Test
    void chunksOfFiveMakeThreeRunsOverConsecutiveDays() {
        BackfillRecord b = tour(BackfillPolicy.chunks(5));

        f.daemon(100, null).runOnce();

        List<RunRecord> runs = f.runsOf(b.id());
        assertThat(runs).extracting(r -> r.tags().get(BackfillTags.RANGE_START) + ".."
                + r.tags().get(BackfillTags.RANGE_END))
                .containsExactly("2023-07-04..2023-07-08", "2023-07-09..2023-07-13", "2023-07-14..2023-07-16");
        // One step per asset and partition inside each run.
        assertThat(runs).extracting(r -> plan(r).steps().size()).containsExactly(15, 15, 9);
        long first = b.partitions().first();
        assertThat(runs.get(2).tags().get(BackfillTags.PARTITIONS)).isEqualTo((first + 10) + "-" + (first + 12));
    }

    @Test
    void singleRunCoversTheRangeWithStepsAtThePlannersGranularity() {
        BackfillRecord b = tour(BackfillPolicy.singleRun());

        f.daemon(100, null).runOnce();

        List<RunRecord> runs = f.runsOf(b.id());
        assertThat(runs).hasSize(1);
        RunRecord run = runs.get(0);
        assertThat(run.tags()).containsEntry(BackfillTags.RANGE_START, "2023-07-04")
                .containsEntry(BackfillTags.RANGE_END, "2023-07-16");
        // These assets do not handle ranges: the planner falls back to one step per partition.
        assertThat(plan(run).steps()).hasSize(39);
        assertThat(PartitionSetCodec.decode(run.tags().get(BackfillTags.PARTITIONS))).isEqualTo(b.partitions());
    }

    @Test
    void explicitKeysAreRunInPartitionOrderAndNonConsecutiveChunksNameTheirKeys() {
        BackfillRecord b = f.service.create(BackfillRequest.keys(CHAIN,
                List.of("2023-07-16", "2023-07-04", "2023-07-10")).withPolicy(BackfillPolicy.chunks(2)));

        f.daemon(100, null).runOnce();

        List<RunRecord> runs = f.runsOf(b.id());
        assertThat(runs).hasSize(2);
        assertThat(plan(runs.get(0)).steps()).extracting(PlannedStep::id)
                .contains("raw/stages[2023-07-04]", "raw/stages[2023-07-10]")
                .doesNotContain("raw/stages[2023-07-05]");
        assertThat(runs.get(1).tags()).containsEntry(BackfillTags.PARTITION, "2023-07-16");
    }

    @Test
    void progressCountsEveryStatusAndGroupsConsecutivePartitions() {
        BackfillRecord b = tour(BackfillPolicy.onePerPartition());
        BackfillProgress before = f.service.progress(b.id());
        assertThat(before.count(PartitionStatus.REQUESTED)).isEqualTo(13);
        assertThat(before.ranges()).singleElement().satisfies(r -> {
            assertThat(r.firstKey()).isEqualTo("2023-07-04");
            assertThat(r.lastKey()).isEqualTo("2023-07-16");
        });

        f.daemon(100, null).runOnce();
        List<RunRecord> runs = f.runsOf(b.id());
        for (int i = 0; i < 5; i++) {
            f.finish(runs.get(i), RunStatus.SUCCESS);
        }
        f.finish(runs.get(5), RunStatus.FAILURE);
        f.claim(runs.get(6));

        BackfillProgress p = f.service.progress(b.id());
        assertThat(p.count(PartitionStatus.SUCCEEDED)).isEqualTo(5);
        assertThat(p.count(PartitionStatus.FAILED)).isEqualTo(1);
        assertThat(p.count(PartitionStatus.RUNNING)).isEqualTo(1);
        assertThat(p.count(PartitionStatus.QUEUED)).isEqualTo(6);
        assertThat(p.ranges()).extracting(r -> r.status() + " " + r.firstKey() + ".." + r.lastKey() + " " + r.count())
                .containsExactly("SUCCEEDED 2023-07-04..2023-07-08 5", "FAILED 2023-07-09..2023-07-09 1",
                        "RUNNING 2023-07-10..2023-07-10 1", "QUEUED 2023-07-11..2023-07-16 6");
        assertThat(f.service.detail(b.id()).progress()).isEqualTo(p);
    }

    @Test
    void aBackfillEndsCompletedWhenEveryRunSucceededAndFailedOtherwise() {
        BackfillRecord ok = tour(BackfillPolicy.chunks(7));
        BackfillDaemon daemon = f.daemon(100, null);
        daemon.runOnce();
        f.runsOf(ok.id()).forEach(r -> f.finish(r, RunStatus.SUCCESS));
        daemon.runOnce();
        assertThat(f.service.get(ok.id()).status()).isEqualTo(BackfillStatus.COMPLETED);
        assertThat(f.service.get(ok.id()).numSucceeded()).isEqualTo(13);

        BackfillRecord bad = f.service.create(BackfillRequest.range(CHAIN, "2023-08-01", "2023-08-03"));
        daemon.runOnce();
        List<RunRecord> runs = f.runsOf(bad.id());
        f.finish(runs.get(0), RunStatus.SUCCESS);
        f.finish(runs.get(1), RunStatus.FAILURE);
        daemon.runOnce();
        assertThat(f.service.get(bad.id()).status()).isEqualTo(BackfillStatus.RUNNING);
        f.finish(runs.get(2), RunStatus.SUCCESS);
        daemon.runOnce();
        BackfillRecord ended = f.service.get(bad.id());
        assertThat(ended.status()).isEqualTo(BackfillStatus.FAILED);
        assertThat(ended.error()).isEqualTo("1 of 3 partitions failed");
        assertThat(ended.numFailed()).isEqualTo(1);
        assertThat(ended.endedAt()).isNotNull();
    }

    @Test
    void retryRunsTheFailedPartitionsOnlyAsAChildBackfill() {
        BackfillRecord b = tour(BackfillPolicy.onePerPartition());
        BackfillDaemon daemon = f.daemon(100, null);
        daemon.runOnce();
        List<RunRecord> runs = f.runsOf(b.id());
        for (int i = 0; i < runs.size(); i++) {
            f.finish(runs.get(i), i == 2 || i == 3 || i == 9 ? RunStatus.FAILURE : RunStatus.SUCCESS);
        }
        assertThatThrownBy(() -> f.service.retryFailed(b.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RUNNING");
        daemon.runOnce();

        BackfillRecord child = f.service.retryFailed(b.id());
        daemon.runOnce();

        assertThat(child.parentId()).isEqualTo(b.id());
        assertThat(child.numPartitions()).isEqualTo(3);
        assertThat(f.runsOf(child.id())).extracting(r -> r.tags().get(BackfillTags.PARTITION))
                .containsExactly("2023-07-06", "2023-07-07", "2023-07-13");
        assertThat(f.runCount()).isEqualTo(16);
        assertThat(f.service.get(b.id()).status()).isEqualTo(BackfillStatus.FAILED);
        f.runsOf(child.id()).forEach(r -> f.finish(r, RunStatus.SUCCESS));
        daemon.runOnce();
        assertThat(f.service.get(child.id()).status()).isEqualTo(BackfillStatus.COMPLETED);
        assertThatThrownBy(() -> f.service.retryFailed(child.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no failed partition");
    }

    @Test
    void aDaemonThatDiesMidSubmissionIsContinuedByAnotherWithoutDuplicates() {
        BackfillRecord b = tour(BackfillPolicy.onePerPartition());
        BackfillDaemon dying = f.daemon(4, (id, from, to) -> {
            throw new IllegalStateException("node died after chunks " + from + ".." + to);
        });

        assertThatThrownBy(dying::runOnce).hasMessageContaining("node died after chunks 0..4");
        BackfillRecord half = f.service.get(b.id());
        assertThat(half.status()).isEqualTo(BackfillStatus.SUBMITTING);
        assertThat(half.submittedChunks()).isEqualTo(4);
        assertThat(f.runCount()).isEqualTo(4);
        assertThat(f.service.progress(b.id()).count(PartitionStatus.REQUESTED)).isEqualTo(9);

        // Another node, with services of its own (as after a restart).
        BackfillService otherService = new BackfillService(db.dataSource(), f.graph, f.coordinator);
        new BackfillDaemon(db.dataSource(), f.graph, f.coordinator, otherService, 4, null).runOnce();

        assertThat(f.runsOf(b.id())).extracting(r -> r.tags().get(BackfillTags.PARTITION))
                .containsExactlyElementsOf(TOUR_DAYS);
        assertThat(otherService.get(b.id()).status()).isEqualTo(BackfillStatus.RUNNING);

        // A replayed submission (its cursor lost) starts no second run: the run keys were used.
        db.jdbc().update("UPDATE backfills SET submitted_chunks = 0, status = 'SUBMITTING' WHERE id = ?::uuid",
                b.id());
        f.daemon(4, null).runOnce();
        assertThat(f.runCount()).isEqualTo(13);
    }

    @Test
    void cancelStopsSubmissionAndCancelsQueuedAndRunningRuns() {
        BackfillRecord b = tour(BackfillPolicy.onePerPartition());
        assertThatThrownBy(f.daemon(4, (id, from, to) -> {
            throw new IllegalStateException("stop after one batch");
        })::runOnce).isInstanceOf(IllegalStateException.class);
        List<RunRecord> runs = f.runsOf(b.id());
        f.finish(runs.get(0), RunStatus.SUCCESS);
        RunRecord running = f.claim(runs.get(1));

        BackfillRecord canceling = f.service.cancel(b.id());

        assertThat(canceling.status()).isEqualTo(BackfillStatus.CANCELING);
        assertThat(f.runs.get(runs.get(2).id()).status()).isEqualTo(RunStatus.CANCELED);
        assertThat(f.runs.get(runs.get(3).id()).status()).isEqualTo(RunStatus.CANCELED);
        assertThat(f.runs.get(running.id()).status()).isEqualTo(RunStatus.CANCELING);
        f.daemon(4, null).runOnce();
        assertThat(f.runCount()).isEqualTo(4);
        assertThat(f.service.get(b.id()).status()).isEqualTo(BackfillStatus.CANCELING);

        // The worker stops the running run.
        f.runs.transition(running.id(), java.util.EnumSet.of(RunStatus.CANCELING), RunStatus.CANCELED);
        f.daemon(4, null).runOnce();

        assertThat(f.service.get(b.id()).status()).isEqualTo(BackfillStatus.CANCELED);
        BackfillProgress p = f.service.progress(b.id());
        assertThat(p.count(PartitionStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(p.count(PartitionStatus.CANCELED)).isEqualTo(12);
        assertThatThrownBy(() -> f.service.cancel(b.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has ended (CANCELED)");
    }

    @Test
    void onlyStaleAndMissingSkipsChunksWithNothingToDo() {
        // Nothing is materialized: every day is missing, so every day gets a run.
        BackfillRecord b = f.service.create(BackfillRequest.range(CHAIN, "2023-07-04", "2023-07-06")
                .onlyStaleAndMissing().withPriority(7));
        f.daemon(10, null).runOnce();
        assertThat(f.runsOf(b.id())).hasSize(3).allMatch(r -> r.priority() == 7);
        assertThat(f.service.get(b.id()).options().onlyStaleAndMissing()).isTrue();
    }

    @Test
    void badInputsGetTheEnginesErrorsAndWriteNothing() {
        assertThatThrownBy(() -> f.service.create(BackfillRequest.all("marts/standings +")))
                .isInstanceOf(InvalidSelectionException.class);
        assertThatThrownBy(() -> f.service.create(BackfillRequest.all("marts/nope")))
                .isInstanceOf(InvalidSelectionException.class).hasMessageContaining("marts/nope");
        assertThatThrownBy(() -> f.service.create(BackfillRequest.keys(CHAIN, List.of("2023-07-04", "2023-13-01"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks '2023-13-01'");
        assertThatThrownBy(() -> f.service.create(BackfillRequest.range(CHAIN, "2023-07-16", "2023-07-04")))
                .isInstanceOf(InvalidPartitionKeyException.class).hasMessageContaining("reversed");
        // 12,418 days, one run each, exceed the limit of 12,000 runs; 14,975 days exceed 14,000 partitions.
        assertThatThrownBy(() -> f.service.create(BackfillRequest.range(CHAIN, "1990-01-01", "2023-12-31")))
                .isInstanceOf(InvalidBackfillException.class).hasMessageContaining("would start 12418 runs")
                .hasMessageContaining("at most 12000");
        assertThatThrownBy(() -> f.service.create(BackfillRequest.all(CHAIN).withPolicy(BackfillPolicy.singleRun())))
                .isInstanceOf(InvalidBackfillException.class).hasMessageContaining("14975 partitions")
                .hasMessageContaining("at most 14000");
        assertThatThrownBy(() -> BackfillPolicy.chunks(0)).isInstanceOf(InvalidBackfillException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> tour(BackfillPolicy.onePerPartition()).toString()
                .concat(f.service.create(BackfillRequest.all(CHAIN).withTags(Map.of("peloton/x", "y"))).id()))
                .isInstanceOf(InvalidBackfillException.class).hasMessageContaining("peloton/x");
        assertThatThrownBy(() -> f.service.get("not-a-uuid")).isInstanceOf(NoSuchBackfillException.class)
                .hasMessageContaining("not-a-uuid");
        // The whole range plans, a run's days do not: refused now, not failed later by the daemon.
        // All partitions of everything plan as a whole (ref/teams has its one partition), with limits that allow it.
        BackfillService roomy = new BackfillService(db.dataSource(), f.graph, f.coordinator,
                new BackfillService.Limits(20_000, 20_000));
        assertThatThrownBy(() -> roomy.create(BackfillRequest.all("*")))
                .isInstanceOf(InvalidPlanRequestException.class).hasMessageContaining("ref/teams");
        assertThatThrownBy(() -> roomy.preview(BackfillRequest.all("*")))
                .isInstanceOf(InvalidPlanRequestException.class).hasMessageContaining("ref/teams");

        assertThat(f.backfillCount()).isEqualTo(1);
        assertThat(f.runCount()).isZero();
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM run_keys", Integer.class)).isZero();
    }

    @Test
    void aStartedDaemonSubmitsNewBackfillsOnItsOwn() {
        try (BackfillDaemon daemon = f.daemon(5, null)) {
            daemon.start(java.time.Duration.ofMillis(20));
            BackfillRecord b = tour(BackfillPolicy.chunks(4));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> f.service.get(b.id()).status() == BackfillStatus.RUNNING);
            assertThat(f.runsOf(b.id())).hasSize(4);
        }
    }

    @Test
    void listPagesNewestFirst() {
        BackfillRecord a = tour(BackfillPolicy.onePerPartition());
        BackfillRecord b = tour(BackfillPolicy.chunks(3));
        BackfillRecord c = tour(BackfillPolicy.singleRun());
        f.service.cancel(b.id());

        assertThat(f.service.list(null, 2, null)).extracting(BackfillRecord::id).containsExactly(c.id(), b.id());
        assertThat(f.service.list(null, 2, b.id())).extracting(BackfillRecord::id).containsExactly(a.id());
        assertThat(f.service.list(BackfillStatus.CANCELED, 10, null)).extracting(BackfillRecord::id)
                .containsExactly(b.id());
        assertThat(f.service.get(b.id()).policy()).isEqualTo(BackfillPolicy.chunks(3));
        assertThatThrownBy(() -> f.service.list(null, 0, null)).hasMessageContaining("got 0");
    }

    @Test
    void tenThousandPartitionsOneRunEachAreSubmittedInBatches() {
        BackfillRecord b = f.service.create(BackfillRequest.range(CHAIN, "1995-01-01", "2022-05-18"));
        assertThat(b.numPartitions()).isEqualTo(10_000);
        BackfillDaemon daemon = f.daemon(500, null);

        long start = System.nanoTime();
        daemon.runOnce();
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("backfill enqueue: 10000 runs (one per partition, 3-asset chain) in %.2f s = %.0f runs/s%n",
                seconds, 10_000 / seconds);
        assertThat(f.runCount()).isEqualTo(10_000);
        PartitionSet covered = PartitionSet.empty();
        for (String text : db.jdbc().queryForList("SELECT tags->>'" + BackfillTags.PARTITIONS + "' FROM runs",
                String.class)) {
            covered = covered.union(PartitionSetCodec.decode(text));
        }
        assertThat(covered).isEqualTo(b.partitions());
        assertThat(f.service.progress(b.id()).ranges()).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(PartitionStatus.QUEUED));
    }
}
