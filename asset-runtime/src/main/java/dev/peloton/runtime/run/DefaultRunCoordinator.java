package dev.peloton.runtime.run;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.InvalidPlanRequestException;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlanRequest;
import dev.peloton.core.engine.plan.PlannedStep;
import dev.peloton.core.engine.plan.Planner;
import dev.peloton.core.engine.selection.AssetSelection;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.runtime.storage.IllegalRunTransitionException;
import dev.peloton.runtime.storage.NewRun;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.storage.StepStorage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admission of runs against PostgreSQL. A request is parsed and planned first, so that a bad selection or
 * partition key fails with the engine's exception and writes nothing; then its run key, its run (QUEUED, with
 * the plan as JSON) and a {@code NOTIFY} to idle workers go in one transaction.
 */
public final class DefaultRunCoordinator implements RunCoordinator {

    /** The channel workers {@code LISTEN} on: {@value #QUEUED} when runs were queued, {@code cancel:<id>}. */
    public static final String CHANNEL = "peloton_runs";
    public static final String QUEUED = "queued";
    public static final String CANCEL_PREFIX = "cancel:";
    /** The tag that keeps a run's run key. */
    public static final String RUN_KEY_TAG = "peloton/run_key";
    /** The tag of a re-executed run that names the run it re-executes. */
    public static final String PARENT_RUN_TAG = "peloton/parent_run_id";

    private final AssetGraph graph;
    private final RunStorage runs;
    private final StepStorage steps;
    private final AssetStateStorage state;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PlanCodec codec = new PlanCodec();

    public DefaultRunCoordinator(DataSource dataSource, AssetGraph graph, RunStorage runs, AssetStateStorage state) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.state = Objects.requireNonNull(state, "state");
        this.steps = new StepStorage(dataSource);
        this.jdbc = JdbcClient.create(dataSource);
        // Storage classes on the same data source join this transaction.
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    @Override
    public Plan preview(RunRequest request) {
        Objects.requireNonNull(request, "request");
        Set<AssetKey> assets = AssetSelection.parse(request.selection()).resolve(graph);
        if (assets.isEmpty()) {
            throw new InvalidPlanRequestException("The selection '" + request.selection() + "' matches no asset");
        }
        return Planner.plan(graph, state, new PlanRequest(assets, request.partitions(), request.onlyStaleAndMissing(),
                request.memoize(), request.granularity()));
    }

    @Override
    public Optional<RunRecord> submit(RunRequest request) {
        List<RunRecord> queued = submitAll(List.of(request));
        return queued.isEmpty() ? Optional.empty() : Optional.of(queued.get(0));
    }

    @Override
    public List<RunRecord> submitAll(List<RunRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        // Plan everything before writing anything: one bad request rejects the batch untouched.
        List<NewRun> candidates = new ArrayList<>(requests.size());
        List<String> keys = new ArrayList<>(requests.size());
        Set<String> keysInBatch = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            RunRequest request = Objects.requireNonNull(requests.get(i), "requests[" + i + "]");
            if (request.runKey() != null) {
                RunKeys.parse(request.runKey());
                if (!keysInBatch.add(request.runKey())) {
                    continue;
                }
            }
            Plan plan = preview(request);
            if (plan.isEmpty()) {
                continue;
            }
            Map<String, String> tags = new HashMap<>(request.tags());
            if (request.runKey() != null) {
                tags.put(RUN_KEY_TAG, request.runKey());
            }
            candidates.add(newRun(plan, tags, request.priority(), request.backfillId()));
            keys.add(request.runKey());
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<String> ids = tx.execute(status -> {
            List<NewRun> admitted = new ArrayList<>(candidates.size());
            List<String> admittedKeys = new ArrayList<>(candidates.size());
            for (int i = 0; i < candidates.size(); i++) {
                if (keys.get(i) == null || claimRunKey(keys.get(i))) {
                    admitted.add(candidates.get(i));
                    admittedKeys.add(keys.get(i));
                }
            }
            if (admitted.isEmpty()) {
                return List.<String>of();
            }
            List<String> created = runs.createAll(admitted);
            for (int i = 0; i < created.size(); i++) {
                if (admittedKeys.get(i) != null) {
                    RunKeys k = RunKeys.parse(admittedKeys.get(i));
                    jdbc.sql("UPDATE run_keys SET run_id = CAST(:run AS uuid) WHERE kind = :kind AND name = :name"
                                    + " AND run_key = :key")
                            .param("run", created.get(i)).param("kind", k.kind()).param("name", k.name())
                            .param("key", k.key())
                            .update();
                }
            }
            notifyWorkers(QUEUED);
            return created;
        });
        List<RunRecord> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(runs.get(id));
        }
        return out;
    }

    /** Records a run key; false when it was used before (this request starts no run). */
    private boolean claimRunKey(String runKey) {
        RunKeys k = RunKeys.parse(runKey);
        return jdbc.sql("INSERT INTO run_keys (kind, name, run_key) VALUES (:kind, :name, :key)"
                        + " ON CONFLICT DO NOTHING")
                .param("kind", k.kind()).param("name", k.name()).param("key", k.key())
                .update() == 1;
    }

    private void notifyWorkers(String payload) {
        // Delivered at commit, and only if the transaction commits.
        jdbc.sql("SELECT pg_notify(:channel, :payload)").param("channel", CHANNEL).param("payload", payload)
                .query((rs, n) -> 1).list();
    }

    private static NewRun newRun(Plan plan, Map<String, String> tags, int priority, String backfillId) {
        Set<AssetKey> assets = new LinkedHashSet<>();
        PartitionSet partitions = PartitionSet.empty();
        for (PlannedStep step : plan.steps()) {
            assets.addAll(step.assets());
            partitions = partitions.union(step.partitions());
        }
        return new NewRun(List.copyOf(assets), partitions, new PlanCodec().write(plan), tags, priority, backfillId);
    }

    @Override
    public RunRecord cancel(String runId) {
        // A worker may move the run between our read and our write: read again and retry a few times.
        IllegalRunTransitionException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            RunRecord run = runs.get(runId);
            try {
                switch (run.status()) {
                    case QUEUED:
                        return runs.transition(runId, EnumSet.of(RunStatus.QUEUED), RunStatus.CANCELED);
                    case STARTING:
                    case RUNNING:
                        return tx.execute(status -> {
                            RunRecord canceling = runs.transition(runId,
                                    EnumSet.of(RunStatus.STARTING, RunStatus.RUNNING), RunStatus.CANCELING);
                            notifyWorkers(CANCEL_PREFIX + runId);
                            return canceling;
                        });
                    case CANCELING:
                        return run;
                    default:
                        throw new IllegalRunTransitionException(runId, run.status(), RunStatus.CANCELED,
                                "it has ended (" + run.status() + ")");
                }
            } catch (IllegalRunTransitionException e) {
                if (run.status().isTerminal()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    @Override
    public RunRecord reexecuteFromFailure(String runId) {
        RunRecord run = runs.get(runId);
        if (run.status() != RunStatus.FAILURE && run.status() != RunStatus.CANCELED) {
            throw new IllegalRunTransitionException(runId, run.status(), RunStatus.QUEUED,
                    "only a run that ended in FAILURE or CANCELED can be re-executed from failure");
        }
        Plan plan = codec.read(run.planJson(), "Run " + runId);
        Set<String> succeeded = steps.succeeded(runId);
        Set<String> remainingIds = new HashSet<>();
        for (PlannedStep s : plan.steps()) {
            if (!succeeded.contains(s.id())) {
                remainingIds.add(s.id());
            }
        }
        if (remainingIds.isEmpty()) {
            throw new IllegalRunTransitionException(runId, run.status(), RunStatus.QUEUED,
                    "every step of it succeeded: there is nothing to re-execute");
        }
        // Steps that succeeded are materialized already: the remaining steps read their results from storage.
        List<PlannedStep> remaining = new ArrayList<>(remainingIds.size());
        for (PlannedStep s : plan.steps()) {
            if (remainingIds.contains(s.id())) {
                remaining.add(new PlannedStep(s.id(), s.assets(), s.partitions(),
                        s.dependsOn().stream().filter(remainingIds::contains).toList()));
            }
        }
        Map<String, String> tags = new HashMap<>(run.tags());
        tags.remove(RUN_KEY_TAG);
        tags.put(PARENT_RUN_TAG, runId);
        NewRun next = newRun(new Plan(remaining, List.of(), List.of("Re-executes the failed and skipped steps of run "
                + runId)), tags, run.priority(), run.backfillId());
        String id = tx.execute(status -> {
            String created = runs.create(next);
            notifyWorkers(QUEUED);
            return created;
        });
        return runs.get(id);
    }
}
