package dev.peloton.ui.lineage;

import dev.peloton.runtime.api.LineageService.Edge;
import dev.peloton.runtime.api.LineageService.Node;
import dev.peloton.ui.lineage.LineageLayout.Box;
import dev.peloton.ui.lineage.LineageLayout.Layout;
import dev.peloton.ui.lineage.LineageLayout.Line;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * Draws a laid-out lineage graph as inline SVG, the fastest to paint of the options measured. The drawing is made
 * once per layout and kept as text with a gap per node for its status class, so that a page view only fills in
 * statuses. It is kept short because thousands of nodes are parsed on every view: integer coordinates, geometry
 * shared through CSS (height, corner radius, label position), each node a translated group, and every edge in one
 * path (one subpath per edge, in the order of {@link Drawing#up}), which the browser splits to highlight lineage.
 */
public final class LineageSvg {

    /** Above this many nodes labels are hidden until the user zooms in (the page script decides from then on). */
    static final int FAR_NODES = 200;
    /** Up to this many edges each ends in an arrow head; beyond, left to right says the direction. */
    static final int ARROW_EDGES = 3_000;

    /**
     * A drawing waiting for statuses.
     *
     * @param head   the SVG up to the first node
     * @param nodes  per node, what follows its status class (its position, box and label)
     * @param up     the upstream nodes of each node, as distances back in node order (node {@code i} and
     *               {@code i - d}): nodes separated by {@code ;}, distances by {@code ,}; the edges of the path
     *               come in this order
     * @param width  the drawing's width
     * @param height the drawing's height
     */
    public record Drawing(String head, String[] nodes, String up, int width, int height, int length) {

        /** The SVG with each node's status (in node order) and the {@code focus} key marked, if any. */
        public String render(List<Node> statuses, String focus) {
            StringBuilder b = new StringBuilder(length + statuses.size() * 16);
            b.append(head);
            for (int i = 0; i < nodes.length; i++) {
                Node n = statuses.get(i);
                b.append("<g class=\"node s-").append(n.status().name());
                if (n.key().equals(focus)) {
                    b.append(" focus");
                }
                b.append(nodes[i]);
            }
            b.append("</g></svg>");
            return b.toString();
        }
    }

    private LineageSvg() {
    }

    public static Drawing draw(Layout layout, List<Node> nodes, List<Edge> edges) {
        int width = (int) Math.ceil(layout.width());
        int height = (int) Math.ceil(layout.height());
        Map<String, Integer> position = new HashMap<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++) {
            position.put(nodes.get(i).key(), i);
        }
        StringBuilder head = new StringBuilder(256 + edges.size() * 24);
        head.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"lineage-svg\" class=\"lineage")
                .append(nodes.size() > FAR_NODES ? " far" : "").append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" preserveAspectRatio=\"xMidYMid meet\" data-w=\"").append(width)
                .append("\" data-h=\"").append(height).append("\" role=\"img\" aria-label=\"Asset lineage graph, ")
                .append(nodes.size()).append(" assets\"><path class=\"edge-lines\" d=\"");
        boolean arrows = edges.size() <= ARROW_EDGES;
        // The path and the upstream lists take the edges by downstream node in node order (LineageService lists
        // them so already; the stable sort keeps any other order consistent), so subpath k is the k-th edge.
        List<Line> lines = new ArrayList<>(layout.lines());
        lines.sort(Comparator.comparingInt(l -> position.get(l.to())));
        StringBuilder up = new StringBuilder(edges.size() * 4 + nodes.size());
        int current = 0;
        boolean first = true;
        for (Line l : lines) {
            int to = position.get(l.to());
            int from = position.get(l.from());
            while (current < to) {
                up.append(';');
                current++;
                first = true;
            }
            up.append(first ? "" : ",").append(to - from);
            first = false;
            path(head, l, layout, arrows);
        }
        while (current < nodes.size() - 1) {
            up.append(';');
            current++;
        }
        head.append("\"/><path class=\"edge-hl\" d=\"\"/><g class=\"nodes\">");
        String[] parts = new String[nodes.size()];
        int length = head.length() + 16;
        for (int i = 0; i < nodes.size(); i++) {
            Box box = layout.boxes().get(nodes.get(i).key());
            int w = (int) Math.round(box.width());
            int cx = (int) Math.round(box.x() + box.width() / 2);
            int cy = (int) Math.round(box.y() + box.height() / 2);
            parts[i] = "\" transform=\"translate(" + cx + ' ' + cy + ")\"><rect x=\"" + (-w / 2) + "\" width=\"" + w
                    + "\"/><text>" + HtmlUtils.htmlEscape(nodes.get(i).key()) + "</text></g>";
            length += parts[i].length() + 30;
        }
        return new Drawing(head.toString(), parts, up.toString(), width, height, length);
    }

    /** One edge as a subpath in relative coordinates, ending in a small arrow head when {@code arrow}. */
    private static void path(StringBuilder b, Line l, Layout layout, boolean arrow) {
        double[] p = l.points();
        if (p.length < 4) {
            // ELK routes every edge; should one come back without points, join the boxes' facing sides.
            Box from = layout.boxes().get(l.from());
            Box to = layout.boxes().get(l.to());
            p = new double[] {from.x() + from.width(), from.y() + from.height() / 2, to.x(), to.y() + to.height() / 2};
        }
        long x = Math.round(p[0]);
        long y = Math.round(p[1]);
        b.append('M').append(x).append(' ').append(y).append('l');
        for (int i = 2; i < p.length; i += 2) {
            long nx = Math.round(p[i]);
            long ny = Math.round(p[i + 1]);
            b.append(i == 2 ? "" : " ").append(nx - x).append(' ').append(ny - y);
            x = nx;
            y = ny;
        }
        if (arrow) {
            double dx = p[p.length - 2] - p[p.length - 4];
            double dy = p[p.length - 1] - p[p.length - 3];
            double len = Math.hypot(dx, dy);
            if (len > 0) {
                dx /= len;
                dy /= len;
                // Two wings 7 px back from the tip, 4 px to each side: tip -> wing -> tip -> other wing.
                long w1x = Math.round(-7 * dx - 4 * dy);
                long w1y = Math.round(-7 * dy + 4 * dx);
                long w2x = Math.round(-7 * dx + 4 * dy);
                long w2y = Math.round(-7 * dy - 4 * dx);
                b.append(' ').append(w1x).append(' ').append(w1y).append(' ').append(-w1x).append(' ').append(-w1y)
                        .append(' ').append(w2x).append(' ').append(w2y);
            }
        }
    }
}
