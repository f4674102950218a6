package dev.peloton.core.engine.graph;

import dev.peloton.core.AssetKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a set of definitions as a whole and orders it topologically; reports every problem at once. */
final class GraphValidator {

    private GraphValidator() {
    }

    static List<AssetDefinition> validateAndOrder(List<AssetDefinition> assets, List<CheckDefinition> checks) {
        List<String> problems = new ArrayList<>();
        Map<AssetKey, AssetDefinition> byKey = new HashMap<>(assets.size() * 2);
        for (AssetDefinition d : assets) {
            AssetDefinition previous = byKey.putIfAbsent(d.key(), d);
            if (previous != null) {
                problems.add("Duplicate asset key '" + d.key() + "': declared by " + previous.origin() + " and by "
                        + d.origin());
            }
        }
        for (AssetDefinition d : assets) {
            for (AssetDependency dep : d.dependencies()) {
                if (!byKey.containsKey(dep.upstream())) {
                    problems.add("Asset '" + d.key() + "' (" + d.origin() + ") depends on unknown asset '"
                            + dep.upstream() + "'");
                }
            }
        }
        for (CheckDefinition c : checks) {
            if (!byKey.containsKey(c.asset())) {
                problems.add("Check '" + c.name() + "' (" + c.origin() + ") checks unknown asset '" + c.asset() + "'");
            }
        }
        List<AssetDefinition> ordered = problems.isEmpty() ? topologicalOrder(assets, byKey, problems) : List.of();
        if (!problems.isEmpty()) {
            throw new InvalidAssetGraphException(problems);
        }
        return ordered;
    }

    /** Kahn's algorithm; on a cycle, reports the cycle's path. */
    private static List<AssetDefinition> topologicalOrder(List<AssetDefinition> assets,
            Map<AssetKey, AssetDefinition> byKey, List<String> problems) {
        Map<AssetKey, Integer> indegree = new HashMap<>(assets.size() * 2);
        Map<AssetKey, List<AssetDefinition>> dependents = new HashMap<>(assets.size() * 2);
        for (AssetDefinition d : assets) {
            indegree.merge(d.key(), 0, Integer::sum);
            for (AssetDependency dep : d.dependencies()) {
                indegree.merge(d.key(), 1, Integer::sum);
                dependents.computeIfAbsent(dep.upstream(), k -> new ArrayList<>()).add(d);
            }
        }
        Deque<AssetDefinition> ready = new ArrayDeque<>();
        for (AssetDefinition d : assets) {
            if (indegree.get(d.key()) == 0) {
                ready.add(d);
            }
        }
        List<AssetDefinition> out = new ArrayList<>(assets.size());
        while (!ready.isEmpty()) {
            AssetDefinition d = ready.poll();
            out.add(d);
            for (AssetDefinition down : dependents.getOrDefault(d.key(), List.of())) {
                if (indegree.merge(down.key(), -1, Integer::sum) == 0) {
                    ready.add(down);
                }
            }
        }
        if (out.size() < assets.size()) {
            problems.add("Cycle in the asset graph: " + findCycle(assets, byKey, indegree));
        }
        return out;
    }

    private static String findCycle(List<AssetDefinition> assets, Map<AssetKey, AssetDefinition> byKey,
            Map<AssetKey, Integer> indegree) {
        // Every asset left with indegree > 0 has an upstream also left: walk upstream until a key repeats.
        AssetDefinition start = assets.stream().filter(d -> indegree.get(d.key()) > 0).findFirst().orElseThrow();
        List<AssetKey> path = new ArrayList<>();
        Map<AssetKey, Integer> seen = new HashMap<>();
        AssetDefinition current = start;
        while (!seen.containsKey(current.key())) {
            seen.put(current.key(), path.size());
            path.add(current.key());
            AssetDefinition next = null;
            for (AssetDependency dep : current.dependencies()) {
                if (indegree.get(dep.upstream()) > 0) {
                    next = byKey.get(dep.upstream());
                    break;
                }
            }
            current = next;
        }
        List<AssetKey> cycle = new ArrayList<>(path.subList(seen.get(current.key()), path.size()));
        java.util.Collections.reverse(cycle);
        cycle.add(cycle.get(0));
        return String.join(" -> ", cycle.stream().map(AssetKey::toString).toList());
    }
}
