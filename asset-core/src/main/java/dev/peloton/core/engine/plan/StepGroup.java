package dev.peloton.core.engine.plan;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

/**
 * One compute of a plan: a single asset, or the outputs of one multi-asset that one step produces together.
 * Knows its members, which of them the request selected, and which partitions it was asked for.
 */
final class StepGroup {

    /** The name its step ids start with: the asset key, or the compute id of a multi-asset. */
    final String name;
    /** All members in the graph, by graph index, in topological order. */
    final int[] members;
    /** Members the request selected. */
    final boolean[] selected;
    /** Members the steps produce: the selected ones if subsettable, else all. */
    final boolean[] produces;
    final boolean subsettable;
    final PartitionsDefinition partitions;
    final boolean handlesRanges;
    final PartitionSet requested;
    final int topoIndex;

    private StepGroup(String name, int[] members, boolean[] selected, boolean[] produces, boolean subsettable,
            PartitionsDefinition partitions, boolean handlesRanges, PartitionSet requested) {
        this.name = name;
        this.members = members;
        this.selected = selected;
        this.subsettable = subsettable;
        this.produces = produces;
        this.partitions = partitions;
        this.handlesRanges = handlesRanges;
        this.requested = requested;
        this.topoIndex = members[0];
    }

    private static boolean[] filled(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    List<AssetKey> producedKeys(AssetGraph graph) {
        List<AssetKey> out = new ArrayList<>(members.length);
        for (int i = 0; i < members.length; i++) {
            if (produces[i]) {
                out.add(graph.definition(members[i]).key());
            }
        }
        return out;
    }

    /**
     * The groups of the selected assets, in an order where a group comes after every group it reads from.
     *
     * @param requested per graph index, the partitions requested for each selected asset
     */
    static List<StepGroup> form(AssetGraph graph, boolean[] selected, PartitionSet[] requested, List<String> notes) {
        Map<String, List<Integer>> byCompute = new LinkedHashMap<>();
        for (int a = 0; a < graph.size(); a++) {
            if (selected[a]) {
                byCompute.computeIfAbsent(graph.definition(a).computeId(), k -> new ArrayList<>()).add(a);
            }
        }
        List<StepGroup> groups = new ArrayList<>(byCompute.size());
        Map<Integer, Integer> groupOf = new HashMap<>();
        for (Map.Entry<String, List<Integer>> e : byCompute.entrySet()) {
            AssetDefinition first = graph.definition(e.getValue().get(0));
            List<AssetDefinition> all = graph.sameCompute(first);
            int[] members = all.stream().mapToInt(d -> graph.indexOf(d.key())).sorted().toArray();
            boolean[] sel = new boolean[members.length];
            PartitionSet req = PartitionSet.empty();
            boolean ranges = true;
            for (int i = 0; i < members.length; i++) {
                AssetDefinition d = graph.definition(members[i]);
                sel[i] = selected[members[i]];
                if (sel[i]) {
                    req = req.union(requested[members[i]]);
                }
                if (!d.partitions().equals(first.partitions())) {
                    throw new InvalidPlanRequestException("Multi-asset " + first.computeId() + " has outputs with "
                            + "different partitions: " + first.key() + " (" + first.partitions().describe() + ") and "
                            + d.key() + " (" + d.partitions().describe() + "); one step cannot produce both");
                }
            }
            boolean multi = members.length > 1;
            boolean subsettable = !multi || first.subsettable();
            boolean[] produces = subsettable ? sel : filled(members.length);
            for (int i = 0; i < members.length; i++) {
                if (produces[i]) {
                    ranges &= graph.definition(members[i]).handlesRanges();
                }
            }
            StepGroup g = new StepGroup(multi ? first.computeId() : first.key().toString(), members, sel, produces,
                    subsettable, first.partitions(), ranges, req);
            if (!subsettable && e.getValue().size() < members.length) {
                notes.add("Multi-asset " + first.computeId() + " cannot compute a subset of its outputs: planned all "
                        + "of " + keys(graph, members) + " although only " + keys(graph,
                                e.getValue().stream().mapToInt(Integer::intValue).toArray()) + " were selected");
            }
            for (int m : members) {
                groupOf.put(m, groups.size());
            }
            groups.add(g);
        }
        return order(graph, groups, groupOf);
    }

    /** Kahn's algorithm over the groups, lowest topological index first among the ready ones. */
    private static List<StepGroup> order(AssetGraph graph, List<StepGroup> groups, Map<Integer, Integer> groupOf) {
        int n = groups.size();
        List<List<Integer>> next = new ArrayList<>(n);
        int[] indegree = new int[n];
        for (int i = 0; i < n; i++) {
            next.add(new ArrayList<>());
        }
        for (int gi = 0; gi < n; gi++) {
            StepGroup g = groups.get(gi);
            java.util.Set<Integer> from = new java.util.HashSet<>();
            for (int i = 0; i < g.members.length; i++) {
                if (!g.produces[i]) {
                    continue;
                }
                for (AssetGraph.Edge e : graph.upstreamEdges(g.members[i])) {
                    Integer ug = groupOf.get(e.upstream());
                    if (ug != null && ug != gi && groups.get(ug).producesAsset(e.upstream()) && from.add(ug)) {
                        next.get(ug).add(gi);
                        indegree[gi]++;
                    }
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>((x, y) -> Integer.compare(groups.get(x).topoIndex,
                groups.get(y).topoIndex));
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                ready.add(i);
            }
        }
        List<StepGroup> out = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int g = ready.poll();
            out.add(groups.get(g));
            for (int d : next.get(g)) {
                if (--indegree[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (out.size() < n) {
            ArrayDeque<String> stuck = new ArrayDeque<>();
            for (int i = 0; i < n; i++) {
                if (indegree[i] > 0) {
                    stuck.add(groups.get(i).name);
                }
            }
            throw new InvalidPlanRequestException("The selected multi-assets read each other's outputs in a cycle, "
                    + "so no step order exists: " + String.join(", ", stuck));
        }
        return out;
    }

    boolean producesAsset(int asset) {
        for (int i = 0; i < members.length; i++) {
            if (members[i] == asset) {
                return produces[i];
            }
        }
        return false;
    }

    private static String keys(AssetGraph graph, int[] members) {
        return java.util.Arrays.stream(members).mapToObj(m -> graph.definition(m).key().toString())
                .collect(Collectors.joining(", "));
    }
}
