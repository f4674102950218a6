package dev.peloton.core.engine.execution;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetDependency;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.CheckDefinition;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlannedStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks a plan against the graph and the IO managers, and resolves its steps; reports every problem at once. */
final class PlanResolver {

    private PlanResolver() {
    }

    static ResolvedStep[] resolve(Plan plan, AssetGraph graph, IOManagerRegistry ioManagers,
            Set<String> completedSteps) {
        List<String> problems = new ArrayList<>();
        List<PlannedStep> steps = plan.steps();
        ResolvedStep[] resolved = new ResolvedStep[steps.size()];
        Map<String, Integer> seen = new HashMap<>(steps.size() * 2);
        Set<AssetKey> readThroughIo = new LinkedHashSet<>();
        for (int s = 0; s < steps.size(); s++) {
            PlannedStep step = steps.get(s);
            if (step.id() == null || step.id().isBlank()) {
                problems.add("Step " + s + " of the plan has no id");
                continue;
            }
            if (seen.putIfAbsent(step.id(), s) != null) {
                problems.add("Step id '" + step.id() + "' is used by two steps");
                continue;
            }
            for (String dependency : step.dependsOn()) {
                if (!seen.containsKey(dependency)) {
                    boolean later = steps.stream().anyMatch(p -> dependency.equals(p.id()));
                    problems.add("Step '" + step.id() + "' depends on step '" + dependency + "', "
                            + (later ? "which comes after it in the plan (steps must be in dependency order)"
                                    : "which is not in the plan"));
                }
            }
            resolved[s] = resolveStep(step, graph, problems, readThroughIo);
        }
        for (String completed : completedSteps) {
            if (!seen.containsKey(completed)) {
                problems.add("Step '" + completed + "' is given as completed but is not in the plan");
            }
        }
        for (AssetKey key : readThroughIo) {
            AssetDefinition d = graph.find(key).orElse(null);
            if (d == null) {
                problems.add("A check of a planned asset reads asset '" + key + "', which is not in the asset graph");
            } else if (ioManagers.find(d.ioManager()).isEmpty()) {
                problems.add("Asset '" + key + "' (" + d.origin() + ") uses IO manager '" + d.ioManager()
                        + "', which is not registered (registered: " + ioManagers.names() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        return resolved;
    }

    private static ResolvedStep resolveStep(PlannedStep step, AssetGraph graph, List<String> problems,
            Set<AssetKey> readThroughIo) {
        List<Integer> indices = new ArrayList<>();
        for (AssetKey key : step.assets()) {
            int index = graph.indexOf(key);
            if (index < 0) {
                problems.add("Step '" + step.id() + "' produces asset '" + key + "', which is not in the asset graph");
            } else if (indices.contains(index)) {
                problems.add("Step '" + step.id() + "' names asset '" + key + "' twice");
            } else {
                indices.add(index);
            }
        }
        if (indices.size() != step.assets().size()) {
            return null;
        }
        indices.sort(Comparator.naturalOrder());
        List<AssetDefinition> definitions = indices.stream().map(graph::definition).toList();
        AssetDefinition primary = graph.get(step.asset());
        for (AssetDefinition d : definitions) {
            if (!d.computeId().equals(primary.computeId())) {
                problems.add("Step '" + step.id() + "' mixes assets of different computes: '" + primary.key()
                        + "' (" + primary.computeId() + ") and '" + d.key() + "' (" + d.computeId() + ")");
                return null;
            }
            if (!d.partitions().equals(primary.partitions())) {
                problems.add("Step '" + step.id() + "' mixes assets with different partitions: '" + primary.key()
                        + "' (" + primary.partitions().describe() + ") and '" + d.key() + "' ("
                        + d.partitions().describe() + ")");
                return null;
            }
        }
        PartitionsDefinition partitions = primary.partitions();
        PartitionSet set = step.partitions() == null ? PartitionSet.empty() : step.partitions();
        if (!partitions.isPartitioned()) {
            if (!set.isEmpty() && !set.equals(PartitionSet.of(0))) {
                problems.add("Step '" + step.id() + "' names partitions " + set + " of asset '" + primary.key()
                        + "', which is unpartitioned (its only partition is index 0)");
                return null;
            }
            set = PartitionSet.of(0);
        } else if (set.isEmpty()) {
            problems.add("Step '" + step.id() + "' names no partition of asset '" + primary.key() + "' ("
                    + partitions.describe() + ")");
            return null;
        } else if (set.last() >= partitions.size()) {
            problems.add("Step '" + step.id() + "' names partition index " + set.last() + " of asset '"
                    + primary.key() + "', which has " + partitions.size() + " partitions (" + partitions.describe()
                    + ")");
            return null;
        }
        Set<AssetKey> selected = new LinkedHashSet<>(step.assets());
        List<AssetGraph.Edge> inputs = new ArrayList<>();
        Set<String> parameters = new HashSet<>();
        for (int index : indices) {
            readThroughIo.add(graph.definition(index).key());
            for (AssetGraph.Edge edge : graph.upstreamEdges(index)) {
                AssetDependency dependency = edge.dependency();
                AssetKey upstream = graph.definition(edge.upstream()).key();
                // An output of the same multi-asset is computed by this very call: nothing to load.
                if (dependency.passesValue() && !selected.contains(upstream)
                        && parameters.add(dependency.parameterName())) {
                    inputs.add(edge);
                    readThroughIo.add(upstream);
                }
            }
            for (CheckDefinition check : graph.checksOf(graph.definition(index).key())) {
                for (AssetDependency dependency : check.dependencies()) {
                    if (dependency.passesValue()) {
                        readThroughIo.add(dependency.upstream());
                    }
                }
            }
        }
        TreeSet<String> pools = new TreeSet<>();
        definitions.forEach(d -> {
            if (d.pool() != null) {
                pools.add(d.pool());
            }
        });
        int[] assetIndices = indices.stream().mapToInt(Integer::intValue).toArray();
        return new ResolvedStep(step, assetIndices, definitions, selected, partitions, set, List.copyOf(pools),
                List.copyOf(inputs));
    }

    /** The steps that depend on each step, by index. */
    static int[][] dependents(ResolvedStep[] steps) {
        Map<String, Integer> index = new HashMap<>(steps.length * 2);
        for (int i = 0; i < steps.length; i++) {
            index.put(steps[i].id(), i);
        }
        List<List<Integer>> out = new ArrayList<>(steps.length);
        for (int i = 0; i < steps.length; i++) {
            out.add(new ArrayList<>(2));
        }
        for (int i = 0; i < steps.length; i++) {
            for (String dependency : new LinkedHashSet<>(steps[i].step().dependsOn())) {
                out.get(index.get(dependency)).add(i);
            }
        }
        int[][] result = new int[steps.length][];
        for (int i = 0; i < steps.length; i++) {
            result[i] = out.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return result;
    }
}
