package dev.peloton.tdf;

import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.storage.StepStorage;
import dev.peloton.tdf.assets.RaceResults;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The headless mode ({@code backfill}, or {@code peloton.example.headless=true}): queues one run that materializes
 * every asset over every partition, lets this node's worker execute it, waits, prints the stage winners and the
 * top 10 of the general classification, and sets the exit code (0 on success, 1 on failure).
 */
@Component
@Order(HeadlessBackfill.ORDER)
class HeadlessBackfill implements ApplicationRunner, ExitCodeGenerator {

    /** Runs before the benchmark, which measures the run this one waited for. */
    static final int ORDER = 0;
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration PROGRESS = Duration.ofSeconds(10);

    private final ExampleProperties example;
    private final RunCoordinator coordinator;
    private final RunStorage runs;
    private final StepStorage steps;
    private final RaceResults results;
    private final PrintStream out = System.out;
    private volatile int exitCode;
    private volatile RunRecord finished;

    HeadlessBackfill(ExampleProperties example, RunCoordinator coordinator, RunStorage runs, DataSource dataSource,
            RaceResults results) {
        this.example = example;
        this.coordinator = coordinator;
        this.runs = runs;
        this.steps = new StepStorage(dataSource);
        this.results = results;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        if (!example.headless()) {
            return;
        }
        RunRequest request = new RunRequest("*", PartitionSelection.all(), false, false, null, 0,
                Map.of("peloton/source", "headless-backfill", "tdf/scale", example.scale()), null, null);
        Optional<RunRecord> queued;
        try {
            queued = coordinator.submit(request);
        } catch (RuntimeException e) {
            fail("could not queue the backfill: " + e.getMessage());
            return;
        }
        if (queued.isEmpty()) {
            fail("the backfill planned no step: the asset graph is empty");
            return;
        }
        String runId = queued.get().id();
        out.println("Backfill of every asset over the 21 race days: run " + runId + " queued");
        RunRecord run = await(runId);
        finished = run;
        if (run.status() != RunStatus.SUCCESS) {
            StringBuilder why = new StringBuilder("run " + runId + " ended " + run.status());
            if (run.error() != null) {
                why.append(": ").append(run.error());
            }
            for (StepStorage.StepRow step : steps.list(runId)) {
                if (step.state() == StepStorage.StepState.FAILURE) {
                    why.append("\n  step ").append(step.stepId()).append(" failed after ").append(step.attempt())
                            .append(" attempt(s): ").append(step.error());
                }
            }
            fail(why.toString());
            return;
        }
        printResults(run);
        exitCode = 0;
    }

    private RunRecord await(String runId) throws InterruptedException {
        long nextProgress = System.nanoTime() + PROGRESS.toNanos();
        while (true) {
            RunRecord run = runs.get(runId);
            if (run.status().isTerminal()) {
                return run;
            }
            if (System.nanoTime() >= nextProgress) {
                List<StepStorage.StepRow> rows = steps.list(runId);
                long done = rows.stream().filter(s -> s.state() == StepStorage.StepState.SUCCESS).count();
                out.println("  " + run.status() + ": " + done + " steps done");
                nextProgress = System.nanoTime() + PROGRESS.toNanos();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void printResults(RunRecord run) {
        long seconds = run.startedAt() == null || run.endedAt() == null ? -1
                : Duration.between(run.startedAt(), run.endedAt()).toSeconds();
        out.println("Backfill succeeded: " + steps.list(run.id()).size() + " steps in " + seconds + " s (scale '"
                + example.scale() + "')");
        out.println();
        out.println("Stage winners");
        List<RaceResults.StageWinner> winners = results.stageWinners();
        if (winners.isEmpty()) {
            out.println("  (no stage has results)");
        }
        for (RaceResults.StageWinner w : winners) {
            out.printf("  %s stage %2d  #%-3d %-28s %-30s %s  %.2f km/h%n", w.raceDay(), w.stage(), w.bib(), w.name(),
                    w.team(), RaceResults.hms(w.durationS()), w.avgSpeedKmh());
        }
        out.println();
        Optional<String> lastDay = results.lastClassifiedDay();
        out.println("General classification after " + lastDay.orElse("no race day") + " (top 10)");
        lastDay.ifPresent(day -> {
            for (RaceResults.GcLine line : results.generalClassification(day, 10)) {
                out.printf("  %2d. #%-3d %-28s %-30s %s  %s%n", line.rank(), line.bib(), line.name(), line.team(),
                        RaceResults.hms(line.totalS()), line.gapS() == 0 ? "" : "+" + RaceResults.hms(line.gapS()));
            }
        });
    }

    private void fail(String message) {
        exitCode = 1;
        System.err.println("Headless backfill failed: " + message);
    }

    /** The run the backfill waited for, once it ended. */
    Optional<RunRecord> finishedRun() {
        return Optional.ofNullable(finished);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
