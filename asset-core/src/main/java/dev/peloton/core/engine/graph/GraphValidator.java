package dev.peloton.core.engine.graph;

import dev.peloton.core.AssetKey;
import dev.peloton.core.IOManager;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.PartitionsDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a set of definitions as a whole and orders it topologically. Every check runs even when an earlier one
 * found problems, so that one start-up reports everything wrong at once, each problem naming the assets.
 */
final class GraphValidator {

    private GraphValidator() {
    }

    /**
     * @param ioManagers the registered IO managers by name, or null to skip the IO checks
     * @return the definitions (first of each key) in topological order
     * @throws InvalidAssetGraphException listing every problem found
     */
    static List<AssetDefinition> validateAndOrder(List<AssetDefinition> assets, List<CheckDefinition> checks,
            Map<String, IOManager> ioManagers) {
        List<String> problems = new ArrayList<>();
        Map<AssetKey, AssetDefinition> byKey = new LinkedHashMap<>(assets.size() * 2);
        for (AssetDefinition d : assets) {
            AssetDefinition previous = byKey.putIfAbsent(d.key(), d);
            if (previous != null) {
                problems.add("Duplicate asset key '" + d.key() + "': declared by " + previous.origin() + " and by "
                        + d.origin());
            }
        }
        List<AssetDefinition> unique = new ArrayList<>(byKey.values());
        KeyNames keyNames = new KeyNames(byKey);
        for (AssetDefinition d : unique) {
            for (AssetDependency dep : d.dependencies()) {
                AssetDefinition up = byKey.get(dep.upstream());
                if (up == null) {
                    problems.add("Asset '" + d.key() + "' (" + d.origin() + ") depends on unknown asset '"
                            + dep.upstream() + "'" + keyNames.hint(dep.upstream()));
                    continue;
                }
                checkMapping(up, d, dep, problems);
            }
        }
        checkMultiAssets(unique, problems);
        checkChecks(checks, byKey, keyNames, problems);
        if (ioManagers != null) {
            checkIoManagers(unique, checks, byKey, ioManagers, problems);
        }
        List<AssetDefinition> ordered = topologicalOrder(unique, byKey, problems);
        if (!problems.isEmpty()) {
            throw new InvalidAssetGraphException(problems);
        }
        return ordered;
    }

    /** The keys as text, built only when a hint is needed: valid graphs never pay for it. */
    private static final class KeyNames {
        private final Map<AssetKey, AssetDefinition> byKey;
        private Set<String> names;

        KeyNames(Map<AssetKey, AssetDefinition> byKey) {
            this.byKey = byKey;
        }

        String hint(AssetKey unknown) {
            if (names == null) {
                names = new HashSet<>(byKey.size() * 2);
                byKey.keySet().forEach(k -> names.add(k.toString()));
            }
            return KeySuggestions.hint(unknown.toString(), names);
        }
    }

    private static void checkMapping(AssetDefinition up, AssetDefinition down, AssetDependency dep,
            List<String> problems) {
        PartitionsDefinition upDef = up.partitions();
        PartitionsDefinition downDef = down.partitions();
        PartitionMapping mapping = dep.mapping() != null ? dep.mapping() : PartitionMappings.defaultFor(upDef, downDef);
        Optional<String> why;
        String name;
        try {
            name = mapping.describe();
            why = mapping.incompatibility(upDef, downDef);
        } catch (RuntimeException e) {
            name = mapping.getClass().getName();
            why = Optional.of("checking the mapping failed: " + e);
        }
        if (why.isPresent()) {
            problems.add("Asset '" + down.key() + "' (" + down.origin() + ") cannot read asset '" + up.key()
                    + "' through partition mapping '" + name + "'" + (dep.mapping() == null ? " (the default)" : "")
                    + ": " + why.get() + "; upstream '" + up.key() + "' has partitions " + upDef.describe()
                    + ", downstream '" + down.key() + "' has partitions " + downDef.describe());
        }
    }

    /** All outputs of one multi-asset run in one step, so they must agree on what a partition is. */
    private static void checkMultiAssets(List<AssetDefinition> assets, List<String> problems) {
        Map<String, List<AssetDefinition>> byCompute = new LinkedHashMap<>();
        for (AssetDefinition d : assets) {
            if (!d.computeId().equals(d.key().toString())) {
                byCompute.computeIfAbsent(d.computeId(), k -> new ArrayList<>()).add(d);
            }
        }
        for (Map.Entry<String, List<AssetDefinition>> e : byCompute.entrySet()) {
            List<AssetDefinition> outputs = e.getValue();
            PartitionsDefinition first = outputs.get(0).partitions();
            if (outputs.stream().anyMatch(d -> !d.partitions().equals(first))) {
                List<String> each = outputs.stream().map(d -> "'" + d.key() + "' has " + d.partitions().describe())
                        .toList();
                problems.add("Multi-asset " + e.getKey() + " has outputs with different partitions definitions: "
                        + String.join(", ", each) + "; the outputs of one multi-asset must share one");
            }
            boolean subsettable = outputs.get(0).subsettable();
            if (outputs.stream().anyMatch(d -> d.subsettable() != subsettable)) {
                problems.add("Multi-asset " + e.getKey() + " has outputs that disagree on whether it is subsettable: "
                        + outputs.stream().map(d -> d.key() + "=" + d.subsettable()).toList());
            }
        }
    }

    private static void checkChecks(List<CheckDefinition> checks, Map<AssetKey, AssetDefinition> byKey,
            KeyNames keyNames, List<String> problems) {
        Set<String> ids = new HashSet<>();
        Map<String, String> origins = new HashMap<>();
        for (CheckDefinition c : checks) {
            if (!byKey.containsKey(c.asset())) {
                problems.add("Check '" + c.name() + "' (" + c.origin() + ") checks unknown asset '" + c.asset() + "'"
                        + keyNames.hint(c.asset()));
            }
            if (!ids.add(c.id())) {
                problems.add("Duplicate check '" + c.id() + "': declared by " + origins.get(c.id()) + " and by "
                        + c.origin());
            }
            origins.putIfAbsent(c.id(), c.origin());
            for (AssetDependency dep : c.dependencies()) {
                if (!byKey.containsKey(dep.upstream()) && !dep.upstream().equals(c.asset())) {
                    problems.add("Check '" + c.id() + "' (" + c.origin() + ") loads unknown asset '" + dep.upstream()
                            + "'" + keyNames.hint(dep.upstream()));
                }
            }
        }
    }

    private static void checkIoManagers(List<AssetDefinition> assets, List<CheckDefinition> checks,
            Map<AssetKey, AssetDefinition> byKey, Map<String, IOManager> ioManagers, List<String> problems) {
        for (AssetDefinition d : assets) {
            if (!ioManagers.containsKey(d.ioManager())) {
                problems.add("Asset '" + d.key() + "' (" + d.origin() + ") is stored by IO manager '" + d.ioManager()
                        + "', which is not registered" + KeySuggestions.hint(d.ioManager(), ioManagers.keySet())
                        + "; registered: " + new TreeSet<>(ioManagers.keySet()));
            }
        }
        for (AssetDefinition d : assets) {
            for (AssetDependency dep : d.dependencies()) {
                checkLoad("Asset '" + d.key() + "' (" + d.origin() + ")", dep, byKey, ioManagers, problems);
            }
        }
        for (CheckDefinition c : checks) {
            for (AssetDependency dep : c.dependencies()) {
                checkLoad("Check '" + c.id() + "' (" + c.origin() + ")", dep, byKey, ioManagers, problems);
            }
        }
    }

    /** The upstream asset's IO manager loads the value, so it must be able to produce the parameter's type. */
    private static void checkLoad(String who, AssetDependency dep, Map<AssetKey, AssetDefinition> byKey,
            Map<String, IOManager> ioManagers, List<String> problems) {
        AssetDefinition up = byKey.get(dep.upstream());
        if (!dep.passesValue() || up == null || dep.parameterType() == null) {
            return;
        }
        IOManager io = ioManagers.get(up.ioManager());
        if (io == null) {
            return; // reported once, for the upstream asset
        }
        boolean loadable;
        try {
            loadable = io.canLoad(dep.parameterType());
        } catch (RuntimeException e) {
            problems.add(who + ": IO manager '" + up.ioManager() + "' failed to say whether it can load a "
                    + dep.parameterType().getName() + ": " + e);
            return;
        }
        if (!loadable) {
            problems.add(who + " takes parameter '" + dep.parameterName() + "' of type " + dep.parameterType().getName()
                    + " from asset '" + up.key() + "', but IO manager '" + up.ioManager() + "', which stores '"
                    + up.key() + "', cannot load a " + dep.parameterType().getName());
        }
    }

    /** Kahn's algorithm over indices, in input order among ready assets; on a cycle, reports the cycle's path. */
    private static List<AssetDefinition> topologicalOrder(List<AssetDefinition> assets,
            Map<AssetKey, AssetDefinition> byKey, List<String> problems) {
        int n = assets.size();
        Map<AssetKey, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(assets.get(i).key(), i);
        }
        int[][] ups = new int[n][];
        int[] indegree = new int[n];
        int[] downCount = new int[n];
        for (int i = 0; i < n; i++) {
            List<AssetDependency> deps = assets.get(i).dependencies();
            int[] u = new int[deps.size()];
            int k = 0;
            for (AssetDependency dep : deps) {
                Integer j = index.get(dep.upstream());
                if (j != null) { // unknown upstreams are reported elsewhere
                    u[k++] = j;
                    downCount[j]++;
                }
            }
            ups[i] = k == u.length ? u : java.util.Arrays.copyOf(u, k);
            indegree[i] = k;
        }
        int[][] downs = new int[n][];
        for (int i = 0; i < n; i++) {
            downs[i] = new int[downCount[i]];
            downCount[i] = 0;
        }
        for (int i = 0; i < n; i++) {
            for (int u : ups[i]) {
                downs[u][downCount[u]++] = i;
            }
        }
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            int i = queue[head++];
            for (int d : downs[i]) {
                if (--indegree[d] == 0) {
                    queue[tail++] = d;
                }
            }
        }
        if (tail < n) {
            problems.add("Cycle in the asset graph: " + findCycle(assets, ups, indegree));
            return List.of();
        }
        List<AssetDefinition> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(assets.get(queue[i]));
        }
        return out;
    }

    private static String findCycle(List<AssetDefinition> assets, int[][] ups, int[] indegree) {
        // Every asset left with indegree > 0 has an upstream also left: walk upstream until one repeats.
        int start = 0;
        while (indegree[start] == 0) {
            start++;
        }
        Map<Integer, Integer> seen = new HashMap<>();
        List<Integer> path = new ArrayList<>();
        int current = start;
        while (!seen.containsKey(current)) {
            seen.put(current, path.size());
            path.add(current);
            int next = -1;
            for (int u : ups[current]) {
                if (indegree[u] > 0) {
                    next = u;
                    break;
                }
            }
            current = next;
        }
        List<Integer> cycle = new ArrayList<>(path.subList(seen.get(current), path.size()));
        Collections.reverse(cycle);
        // Start at the asset declared first, so that the same cycle always reads the same.
        Collections.rotate(cycle, -cycle.indexOf(Collections.min(cycle)));
        cycle.add(cycle.get(0));
        return String.join(" -> ", cycle.stream().map(i -> assets.get(i).key().toString()).toList());
    }
}
