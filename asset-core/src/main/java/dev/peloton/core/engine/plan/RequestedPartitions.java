package dev.peloton.core.engine.plan;

import dev.peloton.core.InvalidPartitionKeyException;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.staleness.PartitionText;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a request's partition selection into a set of partitions per selected asset. Keys are read against each
 * asset's own definition; an asset whose definition does not have them gets the partitions that the mappings
 * connect to the selected assets that do, upstream or downstream, repeatedly, until every asset has a set or
 * none can be derived.
 */
final class RequestedPartitions {

    private RequestedPartitions() {
    }

    /**
     * @param selected marks the selected assets by graph index
     * @param notes    receives a note for every asset whose partitions were derived
     * @return per graph index the requested partitions, null for assets not selected
     */
    static PartitionSet[] resolve(AssetGraph graph, boolean[] selected, PartitionSelection selection,
            List<String> notes) {
        int n = graph.size();
        PartitionSet[] out = new PartitionSet[n];
        List<Integer> undetermined = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            if (selected[a]) {
                out[a] = direct(graph.definition(a), selection);
                if (out[a] == null) {
                    undetermined.add(a);
                }
            }
        }
        if (undetermined.isEmpty()) {
            return out;
        }
        if (undetermined.size() == count(selected)) {
            throw noneHasTheKeys(graph, undetermined, selection);
        }
        boolean progress = true;
        while (progress && !undetermined.isEmpty()) {
            progress = false;
            PartitionSet[] derived = new PartitionSet[n];
            for (int x : undetermined) {
                derived[x] = derive(graph, x, out);
            }
            List<Integer> still = new ArrayList<>();
            for (int x : undetermined) {
                if (derived[x] == null) {
                    still.add(x);
                    continue;
                }
                out[x] = derived[x];
                progress = true;
                AssetDefinition def = graph.definition(x);
                notes.add("Partitions of " + def.key() + " derived through partition mappings from the selected "
                        + "assets: " + (def.isPartitioned() ? PartitionText.of(def.partitions(), out[x])
                                : out[x].isEmpty() ? "none" : "its one partition"));
            }
            undetermined = still;
        }
        if (!undetermined.isEmpty()) {
            AssetDefinition def = graph.definition(undetermined.get(0));
            throw new InvalidPlanRequestException("Cannot tell which partitions of asset '" + def.key()
                    + "' to plan for " + selection + ": they are not partitions of it (its partitions: "
                    + def.partitions().describe() + ") and no selected asset that has them connects to it through "
                    + "a partition mapping. Plan it in a request of its own, or select it with an asset upstream or "
                    + "downstream of it.");
        }
        return out;
    }

    /** The selection read against the asset's own definition, or null if the definition lacks the keys. */
    private static PartitionSet direct(AssetDefinition def, PartitionSelection selection) {
        PartitionsDefinition pd = def.partitions();
        return switch (selection) {
            case PartitionSelection.All all -> pd.all();
            case PartitionSelection.Keys keys -> {
                for (String k : keys.keys()) {
                    if (pd.indexOf(k) < 0) {
                        yield null;
                    }
                }
                yield pd.parse(def.key(), keys.keys());
            }
            case PartitionSelection.Range range -> {
                if (pd.indexOf(range.range().start()) < 0 || pd.indexOf(range.range().end()) < 0) {
                    yield null;
                }
                // Throws, naming the asset, when the range is reversed.
                yield pd.range(def.key(), range.range().start(), range.range().end());
            }
        };
    }

    /** The union of what selected, determined neighbours map onto asset {@code x}, or null if there are none. */
    private static PartitionSet derive(AssetGraph graph, int x, PartitionSet[] determined) {
        PartitionsDefinition xDef = graph.definition(x).partitions();
        PartitionSet out = null;
        for (AssetGraph.Edge e : graph.upstreamEdges(x)) {
            PartitionSet up = determined[e.upstream()];
            if (up != null) {
                PartitionSet d = e.mapping().downstreamOf(up, graph.definition(e.upstream()).partitions(), xDef);
                out = out == null ? d : out.union(d);
            }
        }
        for (AssetGraph.Edge e : graph.downstreamEdges(x)) {
            PartitionSet down = determined[e.downstream()];
            if (down != null) {
                PartitionSet u = e.mapping().upstreamOf(down, graph.definition(e.downstream()).partitions(), xDef);
                out = out == null ? u : out.union(u);
            }
        }
        return out;
    }

    private static RuntimeException noneHasTheKeys(AssetGraph graph, List<Integer> assets,
            PartitionSelection selection) {
        if (assets.size() == 1) {
            AssetDefinition def = graph.definition(assets.get(0));
            String bad = firstMissingKey(def.partitions(), selection);
            return new InvalidPartitionKeyException(def.key(), bad, def.partitions());
        }
        String which = assets.stream().limit(5).map(graph::definition)
                .map(d -> d.key() + " (" + d.partitions().describe() + ", lacks '"
                        + firstMissingKey(d.partitions(), selection) + "')")
                .collect(Collectors.joining("; "));
        return new InvalidPlanRequestException("No selected asset has the partitions of " + selection + ": " + which
                + (assets.size() > 5 ? "; and " + (assets.size() - 5) + " more" : ""));
    }

    private static String firstMissingKey(PartitionsDefinition pd, PartitionSelection selection) {
        List<String> keys = switch (selection) {
            case PartitionSelection.Keys k -> k.keys();
            case PartitionSelection.Range r -> List.of(r.range().start(), r.range().end());
            case PartitionSelection.All a -> List.of();
        };
        return keys.stream().filter(k -> pd.indexOf(k) < 0).findFirst().orElse("");
    }

    private static int count(boolean[] marks) {
        int c = 0;
        for (boolean b : marks) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
