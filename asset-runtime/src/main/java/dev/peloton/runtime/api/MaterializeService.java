package dev.peloton.runtime.api;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlanRequest;
import dev.peloton.core.engine.plan.PlannedStep;
import dev.peloton.core.engine.plan.Planner;
import dev.peloton.core.engine.plan.SkippedWork;
import dev.peloton.core.engine.selection.AssetSelection;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.staleness.PartitionText;
import dev.peloton.runtime.api.RunViews.SubmittedView;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.storage.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;

/** Plans and submits materializations: the preview a user confirms, and the run it becomes. */
public class MaterializeService {

    /** The most steps a plan preview lists; the counts always cover all of them. */
    public static final int MAX_STEPS_SHOWN = 1_000;

    public record StepView(String id, List<String> assets, String partitions, long partitionCount,
            List<String> dependsOn) {
    }

    public record SkippedView(String asset, String partitions, long partitionCount, String reason) {
    }

    /**
     * A plan preview.
     *
     * @param stepCount      the number of steps
     * @param partitionCount asset partitions the steps compute, summed over steps
     * @param steps          the first {@link #MAX_STEPS_SHOWN} steps, in run order
     * @param stepsTruncated whether more steps exist than listed
     */
    public record PlanView(List<String> assets, int stepCount, long partitionCount, List<StepView> steps,
            boolean stepsTruncated, List<SkippedView> skipped, List<String> notes) {
    }

    private final AssetGraph graph;
    private final AssetStateStorage state;
    private final ObjectProvider<RunCoordinator> coordinator;
    private final RunService runs;

    public MaterializeService(AssetGraph graph, AssetStateStorage state, ObjectProvider<RunCoordinator> coordinator,
            RunService runs) {
        this.graph = graph;
        this.state = state;
        this.coordinator = coordinator;
        this.runs = runs;
    }

    /** What {@code request} would run, without queueing anything. */
    public PlanView plan(RunRequest request) {
        Set<AssetKey> assets = AssetSelection.parse(request.selection()).resolve(graph);
        RunCoordinator c = coordinator.getIfAvailable();
        Plan plan = c != null ? c.preview(request)
                : Planner.plan(graph, state, new PlanRequest(assets, request.partitions(),
                        request.onlyStaleAndMissing(), request.memoize(), request.granularity()));
        return view(assets, plan);
    }

    /** Plans and queues the run; resolves the selection first so that a bad one queues nothing. */
    public SubmittedView submit(RunRequest request) {
        AssetSelection.parse(request.selection()).resolve(graph);
        Optional<RunRecord> run = runs.coordinator().submit(request);
        return run.map(r -> new SubmittedView(List.of(r.id()), "queued"))
                .orElseGet(() -> new SubmittedView(List.of(), request.runKey() != null
                        ? "no run started: the run key '" + request.runKey() + "' was used before, or the plan is"
                                + " empty"
                        : "no run started: the plan is empty (nothing to materialize)"));
    }

    private PlanView view(Set<AssetKey> assets, Plan plan) {
        List<StepView> steps = new ArrayList<>(Math.min(plan.steps().size(), MAX_STEPS_SHOWN));
        long partitions = 0;
        for (PlannedStep s : plan.steps()) {
            partitions += s.partitions().count() * s.assets().size();
            if (steps.size() < MAX_STEPS_SHOWN) {
                steps.add(new StepView(s.id(), s.assets().stream().map(AssetKey::toString).toList(),
                        PartitionText.of(definition(s.asset()), s.partitions()), s.partitions().count(),
                        s.dependsOn()));
            }
        }
        List<SkippedView> skipped = new ArrayList<>(plan.skipped().size());
        for (SkippedWork w : plan.skipped()) {
            skipped.add(new SkippedView(w.asset().toString(), PartitionText.of(definition(w.asset()),
                    w.partitions()), w.partitions().count(), w.reason()));
        }
        return new PlanView(assets.stream().map(AssetKey::toString).toList(), plan.steps().size(), partitions, steps,
                plan.steps().size() > MAX_STEPS_SHOWN, skipped, plan.notes());
    }

    private PartitionsDefinition definition(AssetKey key) {
        return graph.find(key).map(d -> d.partitions()).orElse(PartitionsDefinition.none());
    }
}
