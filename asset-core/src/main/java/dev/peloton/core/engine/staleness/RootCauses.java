package dev.peloton.core.engine.staleness;

import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.state.UpstreamInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Follows stale upstream partitions to where their staleness begins. Walks set-wise and visits each asset once,
 * downstream first (highest topological index first), so that a diamond or a window of thousands of stale
 * partitions costs one visit per asset, not one per path or partition.
 */
final class RootCauses {

    private RootCauses() {
    }

    /** The root causes of the staleness of {@code partitions} (stale or missing) of asset {@code asset}. */
    static List<RootCause> of(AssetResult[] results, int asset, PartitionSet partitions) {
        TreeMap<Integer, PartitionSet> pending = new TreeMap<>();
        pending.put(asset, partitions);
        Map<Long, PartitionSet> found = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            Map.Entry<Integer, PartitionSet> next = pending.pollLastEntry();
            int u = next.getKey();
            PartitionSet s = next.getValue();
            AssetResult r = results[u];
            add(found, u, RootCauseKind.MISSING, s.intersect(r.missing));
            add(found, u, RootCauseKind.CODE_VERSION_CHANGED, s.intersect(r.codeChanged));
            add(found, u, RootCauseKind.DEPENDENCIES_CHANGED, s.intersect(r.dependenciesChanged));
            PartitionSet data = PartitionSet.empty();
            for (PartitionSet d : r.dataChanged) {
                data = data.union(d);
            }
            add(found, u, RootCauseKind.UPSTREAM_DATA_CHANGED, s.intersect(data));
            PartitionSet t = s.intersect(r.transitive);
            if (t.isEmpty()) {
                continue;
            }
            for (UpstreamInput in : r.inputs) {
                AssetResult ur = results[in.upstream()];
                PartitionSet bad = in.reads(t).intersect(ur.bad());
                if (!bad.isEmpty()) {
                    pending.merge(in.upstream(), bad, PartitionSet::union);
                }
            }
        }
        List<RootCause> out = new ArrayList<>(found.size());
        for (Map.Entry<Long, PartitionSet> e : found.entrySet()) {
            AssetResult r = results[(int) (e.getKey() >> 8)];
            RootCauseKind kind = RootCauseKind.values()[(int) (e.getKey() & 0xFF)];
            out.add(new RootCause(r.key(), e.getValue(), PartitionText.of(r.definition.partitions(), e.getValue()),
                    kind));
        }
        return out;
    }

    private static void add(Map<Long, PartitionSet> found, int asset, RootCauseKind kind, PartitionSet set) {
        if (!set.isEmpty()) {
            found.merge(((long) asset << 8) | kind.ordinal(), set, PartitionSet::union);
        }
    }
}
