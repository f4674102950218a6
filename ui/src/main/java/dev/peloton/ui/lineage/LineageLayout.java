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
