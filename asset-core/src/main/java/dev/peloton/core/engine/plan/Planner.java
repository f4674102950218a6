package dev.peloton.core.engine.plan;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.UnknownAssetException;
import dev.peloton.core.engine.staleness.AssetStaleness;
import dev.peloton.core.engine.staleness.StalenessReport;
import dev.peloton.core.engine.staleness.StalenessResolver;
import dev.peloton.core.engine.staleness.StateSnapshot;
import dev.peloton.core.engine.state.AssetStateStorage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a {@link PlanRequest} into a {@link Plan}: which partitions of which assets to compute, in which steps,
 * in which order.
 *
 * <ol>
 *   <li>The requested partitions are read against each selected asset's definition; an asset that lacks the keys
 *       gets the partitions its partition mappings connect to the selected assets that have them.</li>
 *   <li>The outputs of one multi-asset form one group, computed by one step per partition or range; a
 *       multi-asset that cannot compute a subset is planned whole.</li>
 *   <li>With "only stale and missing", fresh partitions are left out; with memoization, so are partitions whose
 *       code version and input data versions are those of their latest materialization, unless a step of the plan
 *       will produce upstream data they read. Both are listed in {@link Plan#skipped()} with the reason.</li>
 *   <li>Each group's partitions are cut into steps by the granularity, and each step depends on the steps that
 *       produce the upstream partitions its mappings read.</li>
 * </ol>
 *
 * Staleness is only read when the request asks for it. Costs stay in range-encoded sets: planning a thousand
 * partitions of a hundred assets costs the steps, not a scan of partitions per step.
 */
public final class Planner {

    private Planner() {
    }

    /** Plans against the latest materializations in {@code storage} (read only if the request needs them). */
    public static Plan plan(AssetGraph graph, AssetStateStorage storage, PlanRequest request) {
        return plan(graph, keys -> new StalenessResolver(graph, storage).resolve(keys), request);
    }

    /** Plans against a snapshot of the latest materializations. */
    public static Plan plan(AssetGraph graph, StateSnapshot snapshot, PlanRequest request) {
        return plan(graph, keys -> new StalenessResolver(graph, snapshot).resolve(keys), request);
    }

    private static Plan plan(AssetGraph graph, Function<List<AssetKey>, StalenessReport> staleness,
            PlanRequest request) {
        if (request.assets().isEmpty()) {
            throw new InvalidPlanRequestException("The request selects no assets: select at least one asset to plan");
        }
        boolean[] selected = new boolean[graph.size()];
        for (AssetKey key : request.assets()) {
            int a = graph.indexOf(key);
            if (a < 0) {
                throw new UnknownAssetException(key);
            }
            selected[a] = true;
        }
        List<String> notes = new ArrayList<>();
        PartitionSet[] requested = RequestedPartitions.resolve(graph, selected, request.partitions(), notes);
        List<StepGroup> groups = StepGroup.form(graph, selected, requested, notes);

        StalenessReport report = null;
        if (request.onlyStaleAndMissing() || request.memoize()) {
            List<AssetKey> keys = new ArrayList<>();
            for (StepGroup g : groups) {
                for (int m : g.members) {
                    keys.add(graph.definition(m).key());
                }
            }
            report = staleness.apply(keys);
        }

        PartitionSet[] produced = new PartitionSet[graph.size()];
        PartitionSet[] planned = new PartitionSet[groups.size()];
        List<SkippedWork> skipped = new ArrayList<>();
        for (int gi = 0; gi < groups.size(); gi++) {
            StepGroup g = groups.get(gi);
            PartitionSet all = PartitionSet.empty();
            for (int i = 0; i < g.members.length; i++) {
                if (g.selected[i]) {
                    all = all.union(need(graph, g, g.members[i], request, report, produced));
                }
            }
            planned[gi] = all;
            // A step computes every asset it lists for every partition it covers: the members produced all
            // get the group's partitions, even where only another member needed them.
            for (int i = 0; i < g.members.length; i++) {
                if (g.produces[i]) {
                    produced[g.members[i]] = all;
                }
            }
            for (int i = 0; i < g.members.length; i++) {
                if (g.selected[i]) {
                    PartitionSet left = g.requested.minus(produced[g.members[i]]);
                    skip(graph.definition(g.members[i]), left, request, report, skipped);
                }
            }
        }
        List<PlannedStep> steps = StepBuilder.build(graph, groups, planned, produced, request.granularity(), notes);
        return new Plan(steps, skipped, notes);
    }

    /** The partitions of asset {@code m} that must be computed, given what the groups before produce. */
    private static PartitionSet need(AssetGraph graph, StepGroup g, int m, PlanRequest request,
            StalenessReport report, PartitionSet[] produced) {
        AssetDefinition def = graph.definition(m);
        PartitionSet need = g.requested;
        if (request.onlyStaleAndMissing()) {
            need = need.intersect(report.summary(def.key()).missingOrStale());
        }
        if (request.memoize() && !need.isEmpty()) {
            PartitionSet unchanged = need.intersect(report.materialized(def.key()))
                    .minus(report.changedSinceMaterialization(def.key()));
            for (AssetGraph.Edge e : graph.upstreamEdges(m)) {
                PartitionSet up = produced[e.upstream()];
                if (up != null && !up.isEmpty() && !unchanged.isEmpty()) {
                    // Upstream data this run produces may differ from what was read: those readers must run.
                    unchanged = unchanged.minus(e.mapping().downstreamOf(up,
                            graph.definition(e.upstream()).partitions(), def.partitions()));
                }
            }
            need = need.minus(unchanged);
        }
        return need;
    }

    /**
     * Explains the requested partitions of an asset that the plan leaves out: fresh ones when only stale and
     * missing partitions were asked for, memoized ones grouped by the run whose materialization they reuse.
     */
    private static void skip(AssetDefinition def, PartitionSet left, PlanRequest request, StalenessReport report,
            List<SkippedWork> skipped) {
        if (left.isEmpty() || report == null) {
            return;
        }
        PartitionSet memoized = left;
        if (request.onlyStaleAndMissing()) {
            PartitionSet fresh = left.minus(report.summary(def.key()).missingOrStale());
            if (!fresh.isEmpty()) {
                skipped.add(new SkippedWork(def.key(), fresh, "fresh: materialized from the current code version "
                        + "and upstream data, and nothing upstream is stale or missing"));
            }
            memoized = left.minus(fresh);
        }
        Map<String, PartitionSet.Builder> byRun = new LinkedHashMap<>();
        String lastRun = null;
        PartitionSet.Builder current = null;
        for (int r = 0; r < memoized.rangeCount(); r++) {
            for (long p = memoized.rangeStart(r); p < memoized.rangeEnd(r); p++) {
                String run = report.runIdAt(def.key(), p).orElse("(unknown)");
                if (!run.equals(lastRun)) {
                    lastRun = run;
                    current = byRun.computeIfAbsent(run, k -> PartitionSet.builder());
                }
                current.add(p);
            }
        }
        for (Map.Entry<String, PartitionSet.Builder> e : byRun.entrySet()) {
            skipped.add(new SkippedWork(def.key(), e.getValue().build(), "memoized: code version "
                    + def.codeVersion() + " and input data versions unchanged since run " + e.getKey()
                    + ", whose materialization is reused"));
        }
    }
}
