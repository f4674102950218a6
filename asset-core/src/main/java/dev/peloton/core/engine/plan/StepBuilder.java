package dev.peloton.core.engine.plan;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Cuts each group's planned partitions into steps and links every step to the steps producing the upstream
 * partitions it reads. Steps are kept in primitive arrays while building; the mapping is asked once per step and
 * edge, and the steps of an upstream group are found by binary search over their ranges.
 */
final class StepBuilder {

    private final AssetGraph graph;
    private final List<StepGroup> groups;
    private final PartitionSet[] produced;
    private final int[] groupOfAsset;
    // Per step: its group and its range [start, end) of partition indices.
    private int count;
    private int[] stepGroup = new int[64];
    private long[] stepStart = new long[64];
    private long[] stepEnd = new long[64];
    // Per group: its steps are firstStep[g] .. firstStep[g + 1] - 1, in ascending order of partitions.
    private final int[] firstStep;

    private StepBuilder(AssetGraph graph, List<StepGroup> groups, PartitionSet[] produced) {
        this.graph = graph;
        this.groups = groups;
        this.produced = produced;
        this.groupOfAsset = new int[graph.size()];
        Arrays.fill(groupOfAsset, -1);
        for (int g = 0; g < groups.size(); g++) {
            for (int m : groups.get(g).members) {
                groupOfAsset[m] = g;
            }
        }
        this.firstStep = new int[groups.size() + 1];
    }

    /**
     * @param planned  per group (in {@code groups} order), the partitions it computes
     * @param produced per graph index, the partitions of that asset the plan produces, or null
     */
    static List<PlannedStep> build(AssetGraph graph, List<StepGroup> groups, PartitionSet[] planned,
            PartitionSet[] produced, StepGranularity granularity, List<String> notes) {
        StepBuilder b = new StepBuilder(graph, groups, produced);
        for (int g = 0; g < groups.size(); g++) {
            b.firstStep[g] = b.count;
            b.cut(g, planned[g], granularity, notes);
        }
        b.firstStep[groups.size()] = b.count;
        return b.link();
    }

    private void cut(int g, PartitionSet planned, StepGranularity granularity, List<String> notes) {
        StepGroup group = groups.get(g);
        boolean ranges = group.handlesRanges && group.partitions.isPartitioned();
        if (!ranges && !(granularity instanceof StepGranularity.PerPartition) && group.partitions.isPartitioned()
                && planned.count() > 1) {
            notes.add(group.name + " does not handle partition ranges: planned one step per partition instead of "
                    + granularity);
        }
        for (int r = 0; r < planned.rangeCount(); r++) {
            long s = planned.rangeStart(r);
            long e = planned.rangeEnd(r);
            long width = !ranges ? 1 : switch (granularity) {
                case StepGranularity.PerPartition p -> 1;
                case StepGranularity.Chunks c -> c.size();
                case StepGranularity.WholeRange w -> e - s;
            };
            for (long at = s; at < e; at += width) {
                add(g, at, Math.min(e, at + width));
            }
        }
    }

    private void add(int g, long start, long end) {
        if (count == stepGroup.length) {
            stepGroup = Arrays.copyOf(stepGroup, count * 2);
            stepStart = Arrays.copyOf(stepStart, count * 2);
            stepEnd = Arrays.copyOf(stepEnd, count * 2);
        }
        stepGroup[count] = g;
        stepStart[count] = start;
        stepEnd[count] = end;
        count++;
    }

    /** An edge into a group, resolved once: reading it costs a binary search per step, not a scan. */
    private record Input(int group, PartitionMapping mapping, PartitionsDefinition downstream,
            PartitionsDefinition upstream, Shape shape) {
    }

    private enum Shape { SAME_INDEX, ALL, MAPPED }

    private Input[] inputsOf(StepGroup group) {
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < group.members.length; i++) {
            if (!group.produces[i]) {
                continue;
            }
            AssetDefinition def = graph.definition(group.members[i]);
            for (AssetGraph.Edge e : graph.upstreamEdges(group.members[i])) {
                PartitionSet up = produced[e.upstream()];
                if (up == null || up.isEmpty()) {
                    continue;
                }
                PartitionsDefinition upDef = graph.definition(e.upstream()).partitions();
                Shape shape = PartitionMappings.all().equals(e.mapping()) ? Shape.ALL
                        : PartitionMappings.identity().equals(e.mapping()) && upDef.equals(def.partitions())
                                ? Shape.SAME_INDEX : Shape.MAPPED;
                out.add(new Input(groupOfAsset[e.upstream()], e.mapping(), def.partitions(), upDef, shape));
            }
        }
        return out.toArray(Input[]::new);
    }

    private List<PlannedStep> link() {
        String[] ids = new String[count];
        PartitionSet[] ranges = new PartitionSet[count];
        int[][] deps = new int[count][];
        List<List<AssetKey>> assets = new ArrayList<>(groups.size());
        List<Input[]> inputs = new ArrayList<>(groups.size());
        for (StepGroup group : groups) {
            assets.add(List.copyOf(group.producedKeys(graph)));
            inputs.add(inputsOf(group));
        }
        seenBy = new int[count];
        Arrays.fill(seenBy, -1);
        for (int s = 0; s < count; s++) {
            StepGroup group = groups.get(stepGroup[s]);
            ranges[s] = PartitionSet.range(stepStart[s], stepEnd[s]);
            ids[s] = idOf(group, stepStart[s], stepEnd[s]);
            found = 0;
            for (Input in : inputs.get(stepGroup[s])) {
                switch (in.shape()) {
                    case SAME_INDEX -> addSteps(s, in.group(), stepStart[s], stepEnd[s]);
                    case ALL -> addSteps(s, in.group(), 0, Long.MAX_VALUE);
                    case MAPPED -> {
                        PartitionSet read = in.mapping().upstreamOf(ranges[s], in.downstream(), in.upstream());
                        for (int r = 0; r < read.rangeCount(); r++) {
                            addSteps(s, in.group(), read.rangeStart(r), read.rangeEnd(r));
                        }
                    }
                }
            }
            int[] d = Arrays.copyOf(buffer, found);
            Arrays.sort(d);
            deps[s] = d;
        }
        int[] order = forward ? reorder(deps, ids) : null;
        List<PlannedStep> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int s = order == null ? i : order[i];
            List<String> dependsOn = List.of();
            if (deps[s].length > 0) {
                String[] names = new String[deps[s].length];
                for (int k = 0; k < names.length; k++) {
                    names[k] = ids[deps[s][k]];
                }
                dependsOn = List.of(names);
            }
            out.add(new PlannedStep(ids[s], assets.get(stepGroup[s]), ranges[s], dependsOn));
        }
        return out;
    }

    private static String idOf(StepGroup group, long start, long end) {
        if (!group.partitions.isPartitioned()) {
            return group.name;
        }
        String first = group.partitions.keyAt(start);
        if (end - start == 1) {
            return group.name + "[" + first + "]";
        }
        return group.name + "[" + first + ".." + group.partitions.keyAt(end - 1) + "]";
    }

    // Scratch state of link(): the dependencies found for the current step, deduplicated by marking.
    private int[] seenBy;
    private int[] buffer = new int[16];
    private int found;
    private boolean forward;

    /** Adds the steps of group {@code h} that cover any partition in {@code [from, to)} to step {@code s}. */
    private void addSteps(int s, int h, long from, long to) {
        for (int t = firstStepEndingAfter(h, from); t < firstStep[h + 1] && stepStart[t] < to; t++) {
            if (t != s && seenBy[t] != s) {
                seenBy[t] = s;
                if (found == buffer.length) {
                    buffer = Arrays.copyOf(buffer, found * 2);
                }
                buffer[found++] = t;
                forward |= t > s;
            }
        }
    }

    /** The first step of group {@code h} whose range ends after {@code index}. */
    private int firstStepEndingAfter(int h, long index) {
        int lo = firstStep[h];
        int hi = firstStep[h + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (stepEnd[mid] <= index) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * A stable topological order of the steps, needed only when a multi-asset reads its own outputs at other
     * partitions, so that a later step of the group comes first.
     */
    private int[] reorder(int[][] deps, String[] ids) {
        int[] indegree = new int[count];
        int[][] next = new int[count][];
        int[] nextCount = new int[count];
        for (int s = 0; s < count; s++) {
            indegree[s] = deps[s].length;
            for (int t : deps[s]) {
                nextCount[t]++;
            }
        }
        for (int s = 0; s < count; s++) {
            next[s] = new int[nextCount[s]];
            nextCount[s] = 0;
        }
        for (int s = 0; s < count; s++) {
            for (int t : deps[s]) {
                next[t][nextCount[t]++] = s;
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int s = 0; s < count; s++) {
            if (indegree[s] == 0) {
                ready.add(s);
            }
        }
        int[] order = new int[count];
        int k = 0;
        while (!ready.isEmpty()) {
            int s = ready.poll();
            order[k++] = s;
            for (int d : next[s]) {
                if (--indegree[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (k < count) {
            List<String> stuck = new ArrayList<>();
            for (int s = 0; s < count && stuck.size() < 5; s++) {
                if (indegree[s] > 0) {
                    stuck.add(ids[s]);
                }
            }
            throw new InvalidPlanRequestException("The planned steps depend on each other in a cycle, so no order "
                    + "exists; steps involved include " + String.join(", ", stuck));
        }
        return order;
    }
}
