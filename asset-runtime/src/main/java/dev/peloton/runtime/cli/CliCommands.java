package dev.peloton.runtime.cli;

import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.runtime.backfill.BackfillDaemon;
import dev.peloton.runtime.backfill.BackfillPolicy;
import dev.peloton.runtime.backfill.BackfillProgress;
import dev.peloton.runtime.backfill.BackfillRecord;
import dev.peloton.runtime.backfill.BackfillRequest;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.backfill.BackfillStatus;
import dev.peloton.runtime.backfill.PartitionStatus;
import dev.peloton.runtime.cli.PelotonCommandLineRunner.ExitCodes;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.storage.StepStorage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.json.JsonMapper;

/** The commands of command-line mode. Each returns its exit code; bad input throws an IllegalArgumentException. */
public final class CliCommands {

    static final String USAGE = """
            Usage: java -jar app.jar peloton <command> [options]

              assets list                               list the assets
              materialize <selection> [--partition K]... [--range A..B] [--wait]
                                                        queue one run (and wait for it)
              backfill <selection> --range A..B [--policy per-partition|chunks=K|single-run] [--wait]
                                                        create a backfill (and wait for it)
              runs status <run-id> [--wait]             show a run (also: run <run-id>)

            Options: --json prints JSON; --timeout 10m bounds --wait.
            Exit codes: 0 success, 1 the run or backfill failed, 2 bad usage or input, 3 internal error.
            """;

    private static final Duration POLL = Duration.ofMillis(100);

    private final AssetGraph graph;
    private final RunCoordinator coordinator;
    private final RunStorage runs;
    private final StepStorage steps;
    private final BackfillService backfills;
    private final BackfillDaemon daemon;
    private final CliConsole console;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param daemon submits backfill runs while a command waits (a node's own daemon may do it too: they never
     *               submit a chunk twice)
     */
    public CliCommands(AssetGraph graph, RunCoordinator coordinator, RunStorage runs, StepStorage steps,
            BackfillService backfills, BackfillDaemon daemon, CliConsole console) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.steps = Objects.requireNonNull(steps, "steps");
        this.backfills = Objects.requireNonNull(backfills, "backfills");
        this.daemon = Objects.requireNonNull(daemon, "daemon");
        this.console = Objects.requireNonNull(console, "console");
    }

    int run(CliArguments a) {
        List<String> w = a.words();
        if (w.isEmpty()) {
            throw new UsageException("No command given");
        }
        return switch (w.get(0)) {
            case "assets" -> {
                expect(w, 2, "assets list");
                if (!w.get(1).equals("list")) {
                    throw new UsageException("Unknown command 'assets " + w.get(1) + "'; did you mean 'assets list'?");
                }
                noPartitionOptions(a, "assets list");
                yield assetsList(a);
            }
            case "materialize" -> {
                expect(w, 2, "materialize <selection>");
                yield materialize(w.get(1), a);
            }
            case "backfill" -> {
                expect(w, 2, "backfill <selection> --range A..B");
                yield backfill(w.get(1), a);
            }
            case "runs" -> {
                expect(w, 3, "runs status <run-id>");
                if (!w.get(1).equals("status")) {
                    throw new UsageException("Unknown command 'runs " + w.get(1) + "'; did you mean 'runs status'?");
                }
                noPartitionOptions(a, "runs status");
                yield runStatus(w.get(2), a);
            }
            case "run" -> {
                expect(w, 2, "run <run-id>");
                noPartitionOptions(a, "run");
                yield runStatus(w.get(1), a);
            }
            default -> throw new UsageException("Unknown command '" + w.get(0) + "'");
        };
    }

    private static void expect(List<String> w, int count, String form) {
        if (w.size() < count) {
            throw new UsageException("'" + w.get(0) + "' needs more arguments: peloton " + form);
        }
        if (w.size() > count) {
            throw new UsageException("Unexpected argument '" + w.get(count) + "' after peloton " + form
                    + (w.get(0).equals("materialize") || w.get(0).equals("backfill")
                            ? " (quote a selection that has spaces)" : ""));
        }
    }

    private static void noPartitionOptions(CliArguments a, String command) {
        if (!a.partitions().isEmpty() || a.range() != null || a.policy() != null) {
            throw new UsageException("'" + command + "' takes no --partition, --range or --policy");
        }
    }

    // ---- assets list

    private int assetsList(CliArguments a) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AssetDefinition d : graph.definitions()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", d.key().toString());
            row.put("group", d.group());
            PartitionsDefinition p = d.partitions();
            row.put("partitions", p.isPartitioned() ? p.size() : 0);
            row.put("partitionsDescription", p.isPartitioned() ? p.describe() : "unpartitioned");
            row.put("upstream", d.dependencies().stream().map(dep -> dep.upstream().toString()).toList());
            row.put("description", d.description() == null ? "" : d.description());
            rows.add(row);
        }
        if (a.json()) {
            printJson(Map.of("assets", rows));
            return ExitCodes.SUCCESS;
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"ASSET", "GROUP", "PARTITIONS", "DESCRIPTION"});
        for (Map<String, Object> r : rows) {
            table.add(new String[] {(String) r.get("key"), String.valueOf(r.get("group")),
                    (String) r.get("partitionsDescription"), (String) r.get("description")});
        }
        printTable(table);
        console.out().println(rows.size() + " assets");
        return ExitCodes.SUCCESS;
    }

    // ---- materialize

    private int materialize(String selection, CliArguments a) {
        if (a.policy() != null) {
            throw new UsageException("'materialize' takes no --policy (that is for backfills)");
        }
        PartitionSelection partitions = partitionSelection(a, false);
        RunRequest request = RunRequest.of(selection).withPartitions(partitions);
        RunRecord run = coordinator.submit(request).orElse(null);
        if (run == null) {
            if (a.json()) {
                printJson(Map.of("runId", "", "status", "NOTHING_TO_DO"));
            } else {
                console.out().println("Nothing to materialize: the plan for '" + selection + "' is empty");
            }
            return ExitCodes.SUCCESS;
        }
        if (a.waits()) {
            run = waitForRun(run.id(), a.timeout());
        }
        return report(run, a);
    }

    private PartitionSelection partitionSelection(CliArguments a, boolean rangeRequired) {
        if (!a.partitions().isEmpty() && a.range() != null) {
            throw new UsageException("Give either --partition or --range, not both");
        }
        if (a.range() != null) {
            String[] keys = a.rangeKeys();
            return PartitionSelection.range(keys[0], keys[1]);
        }
        if (rangeRequired && a.partitions().isEmpty()) {
            throw new UsageException("'backfill' needs --range FIRST..LAST (or --partition keys)");
        }
        return a.partitions().isEmpty() ? PartitionSelection.all() : PartitionSelection.keys(a.partitions());
    }

    // ---- runs status

    private int runStatus(String runId, CliArguments a) {
        RunRecord run = runs.find(runId).orElseThrow(() -> new IllegalArgumentException(
                "No run has the id '" + runId + "'"));
        if (a.waits()) {
            run = waitForRun(run.id(), a.timeout());
        }
        return report(run, a);
    }

    private RunRecord waitForRun(String id, Duration timeout) {
        RunRecord[] last = {runs.get(id)};
        await(() -> (last[0] = runs.get(id)).status().isTerminal(), timeout, "run " + id);
        return last[0];
    }

    private int report(RunRecord run, CliArguments a) {
        Map<String, Long> stepCounts = new LinkedHashMap<>();
        for (StepStorage.StepRow s : steps.list(run.id())) {
            stepCounts.merge(s.state().name(), 1L, Long::sum);
        }
        if (a.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runId", run.id());
            m.put("status", run.status().name());
            m.put("selection", run.selection().stream().map(Object::toString).toList());
            m.put("partitions", run.partitions().count());
            m.put("steps", stepCounts);
            m.put("backfillId", run.backfillId());
            m.put("worker", run.workerId());
            m.put("createdAt", str(run.createdAt()));
            m.put("startedAt", str(run.startedAt()));
            m.put("endedAt", str(run.endedAt()));
            m.put("error", run.error());
            printJson(m);
        } else {
            PrintStream out = console.out();
            out.println("run " + run.id() + " " + run.status());
            out.println("  selection: " + run.selection().stream().map(Object::toString).toList()
                    + ", partitions: " + run.partitions().count());
            if (!stepCounts.isEmpty()) {
                out.println("  steps: " + stepCounts);
            }
            out.println("  created: " + run.createdAt() + (run.startedAt() == null ? "" : ", started: "
                    + run.startedAt()) + (run.endedAt() == null ? "" : ", ended: " + run.endedAt()));
            if (run.error() != null) {
                out.println("  error: " + run.error());
            }
        }
        return run.status() == RunStatus.FAILURE || run.status() == RunStatus.CANCELED
                ? ExitCodes.FAILED : ExitCodes.SUCCESS;
    }

    // ---- backfill

    private int backfill(String selection, CliArguments a) {
        PartitionSelection partitions = partitionSelection(a, true);
        BackfillRequest request = new BackfillRequest(selection, partitions, policy(a.policy()), null);
        BackfillRecord b = backfills.create(request);
        if (a.waits()) {
            String id = b.id();
            await(() -> {
                daemon.runOnce();
                return backfills.get(id).status().isTerminal();
            }, a.timeout(), "backfill " + id);
            b = backfills.get(id);
        }
        BackfillProgress p = backfills.progress(b.id());
        if (a.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("backfillId", b.id());
            m.put("status", b.status().name());
            m.put("selection", b.selection());
            m.put("partitions", b.numPartitions());
            m.put("policy", b.policy().toString());
            m.put("runs", b.numChunks());
            Map<String, Long> counts = new LinkedHashMap<>();
            for (PartitionStatus s : PartitionStatus.values()) {
                counts.put(s.name(), p.count(s));
            }
            m.put("progress", counts);
            m.put("error", b.error());
            printJson(m);
        } else {
            PrintStream out = console.out();
            out.println("backfill " + b.id() + " " + b.status());
            out.println("  selection: " + b.selection() + ", partitions: " + b.numPartitions() + " of "
                    + b.partitionsAsset() + ", " + b.policy() + " (" + b.numChunks() + " runs)");
            StringBuilder sb = new StringBuilder("  progress:");
            for (PartitionStatus s : PartitionStatus.values()) {
                if (p.count(s) > 0) {
                    sb.append(' ').append(s.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(p.count(s));
                }
            }
            out.println(sb);
            if (b.error() != null) {
                out.println("  error: " + b.error());
            }
            if (!a.waits()) {
                out.println("  the runs are submitted by a running Peloton node (or pass --wait)");
            }
        }
        return b.status() == BackfillStatus.FAILED || b.status() == BackfillStatus.CANCELED
                ? ExitCodes.FAILED : ExitCodes.SUCCESS;
    }

    static BackfillPolicy policy(String text) {
        if (text == null || text.equals("per-partition")) {
            return BackfillPolicy.onePerPartition();
        }
        if (text.equals("single-run")) {
            return BackfillPolicy.singleRun();
        }
        if (text.startsWith("chunks=")) {
            String n = text.substring("chunks=".length());
            try {
                int size = Integer.parseInt(n);
                if (size < 1) {
                    throw new UsageException("--policy chunks=K needs K of at least 1, got " + size);
                }
                return BackfillPolicy.chunks(size);
            } catch (NumberFormatException e) {
                throw new UsageException("--policy chunks=K needs a whole number K, got '" + n + "'");
            }
        }
        throw new UsageException("Unknown --policy '" + text + "'; use per-partition, chunks=K or single-run");
    }

    // ---- helpers

    private static void await(BooleanSupplier done, Duration timeout, String what) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new WaitTimeoutException("Gave up waiting for " + what + " after " + timeout
                        + " (--timeout); it goes on without this command");
            }
            try {
                // Polling the database: runs may execute on any node of the cluster.
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }

    /** {@code --wait} ran out of {@code --timeout}: exit 1, the run's end is unknown. */
    static final class WaitTimeoutException extends RuntimeException {
        WaitTimeoutException(String message) {
            super(message);
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private void printJson(Object value) {
        console.out().println(json.writeValueAsString(value));
    }

    private void printTable(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                sb.append(r[c]);
                if (c < cols - 1) {
                    sb.append(" ".repeat(width[c] - r[c].length() + 2));
                }
            }
            console.out().println(sb.toString().stripTrailing());
        }
    }
}
