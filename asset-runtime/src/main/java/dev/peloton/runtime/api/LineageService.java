package dev.peloton.runtime.api;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.selection.AssetSelection;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/** The asset graph, or the part of it a selection picks, with each asset's status. */
public class LineageService {

    /**
     * An asset of the lineage graph.
     *
     * @param status      the worst status of its partitions
     * @param partitioned whether it has partitions
     */
    public record Node(String key, String group, String kind, PartitionStatus status, boolean partitioned,
            Map<PartitionStatus, Long> statusCounts) {
    }

    /**
     * An edge {@code from -> to} between two selected assets.
     *
     * @param mapping   the partition mapping in words
     * @param parameter the parameter of {@code to} that takes the value, or null for a dependency without one
     */
    public record Edge(String from, String to, String mapping, String parameter) {
    }

    public record Lineage(String selection, List<Node> nodes, List<Edge> edges) {
    }

    private final AssetService assets;

    public LineageService(AssetService assets) {
        this.assets = assets;
    }

    /**
     * The assets {@code selection} picks (every asset for null or blank), in topological order, and the edges
     * between them.
     *
     * @throws dev.peloton.core.engine.selection.InvalidSelectionException naming the bad token and its position
     */
    public Lineage lineage(String selection) {
        String text = selection == null || selection.isBlank() ? "*" : selection;
        AssetGraph graph = assets.graph();
        BitSet picked = AssetSelection.parse(text).resolveIndices(graph);
        Map<AssetKey, PartitionStatusSets> statuses = assets.statuses();
        List<Node> nodes = new ArrayList<>(picked.cardinality());
        List<Edge> edges = new ArrayList<>();
        for (int i = picked.nextSetBit(0); i >= 0; i = picked.nextSetBit(i + 1)) {
            AssetDefinition d = graph.definition(i);
            PartitionStatusSets s = statuses.get(d.key());
            nodes.add(new Node(d.key().toString(), d.group(), AssetService.kind(d), s.worst(), d.isPartitioned(),
                    s.counts()));
            for (AssetGraph.Edge e : graph.upstreamEdges(i)) {
                if (picked.get(e.upstream())) {
                    edges.add(new Edge(graph.definition(e.upstream()).key().toString(), d.key().toString(),
                            e.mapping().describe(), e.dependency().parameterName()));
                }
            }
        }
        return new Lineage(text, nodes, edges);
    }
}
