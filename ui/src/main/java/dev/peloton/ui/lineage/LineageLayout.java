package dev.peloton.ui.lineage;

import dev.peloton.runtime.api.LineageService.Edge;
import dev.peloton.runtime.api.LineageService.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Positions of the lineage graph, computed with ELK's layered algorithm (left to right), with the options that
 * keep big graphs fast (thoroughness 1, simple node placement, polyline edges). Layouts depend only on the nodes
 * and edges, never on statuses, so they are cached per subgraph: the asset graph is immutable for the life of the
 * application, and the whole graph and recent selections are laid out once.
 */
public class LineageLayout {

    public static final double NODE_HEIGHT = 36;
    static final double CHAR_WIDTH = 7.2;
    static final int CACHE_SIZE = 32;
    /** Up to this many nodes ELK chooses the layers itself (network simplex: short edges, under half a second). */
    static final int NETWORK_SIMPLEX_MAX_NODES = 1_000;
    /** Wider than any node, so that positions this far apart are distinct layers for ELK's interactive layering. */
    private static final double LAYER_STEP = 10_000;

    /** A node's box. */
    public record Box(String key, double x, double y, double width, double height) {
    }

    /** An edge's polyline, start to end. */
    public record Line(String from, String to, double[] points) {
    }

    public record Layout(Map<String, Box> boxes, List<Line> lines, double width, double height) {
    }

    private final Map<String, LineageSvg.Drawing> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, LineageSvg.Drawing> eldest) {
                    return size() > CACHE_SIZE;
                }
            });
    private final AtomicLong computed = new AtomicLong();

    public LineageLayout() {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    /**
     * The drawing of these nodes and edges, laid out and drawn when this subgraph is new, from the cache otherwise:
     * the asset graph does not change while the application runs, so each (sub)graph is laid out once.
     */
    public LineageSvg.Drawing drawing(List<Node> nodes, List<Edge> edges) {
        StringBuilder id = new StringBuilder(nodes.size() * 24 + edges.size() * 48);
        nodes.forEach(n -> id.append(n.key()).append('\n'));
        id.append('|');
        edges.forEach(e -> id.append(e.from()).append('>').append(e.to()).append('\n'));
        String cacheKey = id.toString();
        LineageSvg.Drawing cached = cache.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        LineageSvg.Drawing drawn = LineageSvg.draw(compute(nodes, edges), nodes, edges);
        computed.incrementAndGet();
        cache.put(cacheKey, drawn);
        return drawn;
    }

    /** How many layouts were computed since start (the rest came from the cache). */
    public long layoutsComputed() {
        return computed.get();
    }

    /**
     * A layer per node (in the order of {@code nodes}): each node one layer after its latest upstream node, and a
     * node without upstream nodes one layer before its earliest downstream node, next to what reads it rather
     * than at the far left. Edges always go to a later layer.
     */
    static int[] layers(List<Node> nodes, List<Edge> edges) {
        int n = nodes.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(nodes.get(i).key(), i);
        }
        int[] from = new int[edges.size()];
        int[] to = new int[edges.size()];
        int[] inDegree = new int[n];
        int[] outStart = new int[n + 1];
        for (int e = 0; e < edges.size(); e++) {
            from[e] = index.get(edges.get(e).from());
            to[e] = index.get(edges.get(e).to());
            inDegree[to[e]]++;
            outStart[from[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            outStart[i + 1] += outStart[i];
        }
        int[] out = new int[edges.size()];
        int[] fill = java.util.Arrays.copyOf(outStart, n);
        for (int e = 0; e < edges.size(); e++) {
            out[fill[from[e]]++] = to[e];
        }
        // Kahn's order, so that the layers do not depend on the order of the list.
        int[] order = new int[n];
        int[] pending = inDegree.clone();
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (pending[i] == 0) {
                order[tail++] = i;
            }
        }
        int[] layer = new int[n];
        while (head < tail) {
            int v = order[head++];
            for (int k = outStart[v]; k < outStart[v + 1]; k++) {
                int w = out[k];
                layer[w] = Math.max(layer[w], layer[v] + 1);
                if (--pending[w] == 0) {
                    order[tail++] = w;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (inDegree[i] == 0 && outStart[i + 1] > outStart[i]) {
                int earliest = Integer.MAX_VALUE;
                for (int k = outStart[i]; k < outStart[i + 1]; k++) {
                    earliest = Math.min(earliest, layer[out[k]]);
                }
                layer[i] = earliest - 1;
            }
        }
        return layer;
    }

    static double width(String key) {
        return Math.max(90, 24 + key.length() * CHAR_WIDTH);
    }

    static Layout compute(List<Node> nodes, List<Edge> edges) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, "org.eclipse.elk.layered");
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(LayeredOptions.THOROUGHNESS, 1);
        root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.SIMPLE);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 18.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 48.0);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(16));
        Map<String, ElkNode> byKey = new HashMap<>();
        for (Node n : nodes) {
            ElkNode e = ElkGraphUtil.createNode(root);
            e.setIdentifier(n.key());
            e.setDimensions(width(n.key()), NODE_HEIGHT);
            byKey.put(n.key(), e);
        }
        if (nodes.size() > NETWORK_SIMPLEX_MAX_NODES) {
            // ELK's network simplex layering takes most of the time on big graphs (seconds at 5,000 nodes):
            // give it the layers instead, through positions it takes as they are.
            int[] layers = layers(nodes, edges);
            root.setProperty(LayeredOptions.LAYERING_STRATEGY, LayeringStrategy.INTERACTIVE);
            for (int i = 0; i < nodes.size(); i++) {
                byKey.get(nodes.get(i).key()).setLocation(layers[i] * LAYER_STEP, 0);
            }
        }
        List<ElkEdge> elkEdges = new ArrayList<>(edges.size());
        for (Edge e : edges) {
            elkEdges.add(ElkGraphUtil.createSimpleEdge(byKey.get(e.from()), byKey.get(e.to())));
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (Node n : nodes) {
            ElkNode e = byKey.get(n.key());
            boxes.put(n.key(), new Box(n.key(), e.getX(), e.getY(), e.getWidth(), e.getHeight()));
        }
        List<Line> lines = new ArrayList<>(edges.size());
        for (int i = 0; i < edges.size(); i++) {
            ElkEdge ee = elkEdges.get(i);
            List<Double> pts = new ArrayList<>();
            for (ElkEdgeSection s : ee.getSections()) {
                pts.add(s.getStartX());
                pts.add(s.getStartY());
                for (ElkBendPoint b : s.getBendPoints()) {
                    pts.add(b.getX());
                    pts.add(b.getY());
                }
                pts.add(s.getEndX());
                pts.add(s.getEndY());
            }
            lines.add(new Line(edges.get(i).from(), edges.get(i).to(),
                    pts.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return new Layout(boxes, lines, root.getWidth(), root.getHeight());
    }
}
