package dev.peloton.ui.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.runtime.api.LineageService.Edge;
import dev.peloton.runtime.api.LineageService.Node;
import dev.peloton.runtime.api.PartitionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drawing of random graphs: the upstream lists decode to exactly the edges, subpath k of the edge path is the
 * k-th edge of those lists (it leaves its upstream box and ends at its downstream box), and statuses land on their
 * nodes.
 */
class LineageSvgTest {

    private static final Pattern NODE = Pattern.compile(
            "<g class=\"node s-([A-Z_]+)( focus)?\" transform=\"translate\\((-?\\d+) (-?\\d+)\\)\"><rect x=\"(-?\\d+)\""
                    + " width=\"(\\d+)\"/><text>([^<]*)</text></g>");

    private record Graph(List<Node> nodes, List<Edge> edges) {
    }

    /** Nodes in topological order (as LineageService lists them), each with 0-3 upstream nodes before it. */
    private static Graph random(long seed, int size) {
        SplittableRandom random = new SplittableRandom(seed);
        PartitionStatus[] statuses = PartitionStatus.values();
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String key = "g" + (i / 7) + "/asset_" + i + "_" + "x".repeat(random.nextInt(8));
            nodes.add(new Node(key, "g", "asset", statuses[random.nextInt(statuses.length)], false, Map.of()));
            if (i > 0) {
                TreeSet<Integer> parents = new TreeSet<>();
                int count = random.nextInt(4);
                for (int p = 0; p < count; p++) {
                    parents.add(random.nextInt(i));
                }
                for (int p : parents) {
                    edges.add(new Edge(nodes.get(p).key(), key, "identity", null));
                }
            }
        }
        return new Graph(nodes, edges);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void upstreamListsAndEdgeSubpathsFollowTheSameOrder(long seed) {
        Graph g = random(seed, 60);
        LineageSvg.Drawing drawing = new LineageLayout().drawing(g.nodes(), g.edges());
        String svg = drawing.render(g.nodes(), g.nodes().get(5).key());

        // Nodes: in order, each with its status, the focus marked once.
        Matcher m = NODE.matcher(svg);
        List<int[]> boxes = new ArrayList<>();
        int i = 0;
        int focus = 0;
        while (m.find()) {
            Node n = g.nodes().get(i);
            assertThat(m.group(7)).as("seed " + seed).isEqualTo(n.key());
            assertThat(m.group(1)).as("seed " + seed).isEqualTo(n.status().name());
            focus += m.group(2) != null ? 1 : 0;
            int cx = Integer.parseInt(m.group(3));
            int cy = Integer.parseInt(m.group(4));
            boxes.add(new int[] {cx + Integer.parseInt(m.group(5)), cy - 18, Integer.parseInt(m.group(6))});
            i++;
        }
        assertThat(i).as("seed " + seed).isEqualTo(g.nodes().size());
        assertThat(focus).isEqualTo(1);

        // The upstream lists decode to exactly the edges.
        String[] lists = drawing.up().split(";", -1);
        assertThat(lists).as("seed " + seed).hasSize(g.nodes().size());
        List<int[]> decoded = new ArrayList<>();
        for (int to = 0; to < lists.length; to++) {
            for (String d : lists[to].isEmpty() ? new String[0] : lists[to].split(",")) {
                decoded.add(new int[] {to - Integer.parseInt(d), to});
            }
        }
        List<String> expected = new ArrayList<>();
        g.edges().forEach(e -> expected.add(e.from() + ">" + e.to()));
        List<String> actual = new ArrayList<>();
        decoded.forEach(e -> actual.add(g.nodes().get(e[0]).key() + ">" + g.nodes().get(e[1]).key()));
        assertThat(actual).as("seed " + seed).containsExactlyInAnyOrderElementsOf(expected);

        // Subpath k leaves the right side of its upstream box and its tip touches its downstream box.
        Matcher path = Pattern.compile("class=\"edge-lines\" d=\"([^\"]*)\"").matcher(svg);
        assertThat(path.find()).isTrue();
        String[] subpaths = path.group(1).split("M");
        assertThat(subpaths).as("seed " + seed).hasSize(decoded.size() + 1);
        for (int k = 0; k < decoded.size(); k++) {
            String[] parts = subpaths[k + 1].replace("l", " ").trim().split(" +");
            long x = Long.parseLong(parts[0]);
            long y = Long.parseLong(parts[1]);
            int[] from = boxes.get(decoded.get(k)[0]);
            int[] to = boxes.get(decoded.get(k)[1]);
            assertThat(x).as("seed %d edge %d start x", seed, k)
                    .isBetween(from[0] + from[2] - 2L, from[0] + from[2] + 2L);
            assertThat(y).as("seed %d edge %d start y", seed, k).isBetween(from[1] - 1L, from[1] + 37L);
            // The last three moves are the arrow head (tip -> wing -> tip -> wing): the tip comes before them.
            for (int p = 2; p + 1 < parts.length - 6; p += 2) {
                x += Long.parseLong(parts[p]);
                y += Long.parseLong(parts[p + 1]);
            }
            assertThat(x).as("seed %d edge %d tip x", seed, k).isBetween(to[0] - 2L, to[0] + 2L);
            assertThat(y).as("seed %d edge %d tip y", seed, k).isBetween(to[1] - 1L, to[1] + 37L);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void layersOfBigGraphsPutEveryEdgeForwardAndSourcesNextToTheirReaders(long seed) {
        Graph g = random(seed, 400);
        int[] layers = LineageLayout.layers(g.nodes(), g.edges());
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < g.nodes().size(); i++) {
            index.put(g.nodes().get(i).key(), i);
        }
        java.util.Set<String> hasUpstream = new java.util.HashSet<>();
        java.util.Map<String, Integer> earliestReader = new java.util.HashMap<>();
        for (Edge e : g.edges()) {
            int from = index.get(e.from());
            int to = index.get(e.to());
            assertThat(layers[to]).as("seed %d: %s -> %s", seed, e.from(), e.to()).isGreaterThan(layers[from]);
            hasUpstream.add(e.to());
            earliestReader.merge(e.from(), layers[to], Math::min);
        }
        for (int i = 0; i < g.nodes().size(); i++) {
            String key = g.nodes().get(i).key();
            if (!hasUpstream.contains(key) && earliestReader.containsKey(key)) {
                assertThat(layers[i]).as("seed %d: source %s", seed, key).isEqualTo(earliestReader.get(key) - 1);
            }
        }
    }

    @Test
    void aGraphAboveTheNetworkSimplexLimitIsLaidOutLeftToRight() {
        Graph g = random(21, LineageLayout.NETWORK_SIMPLEX_MAX_NODES + 100);
        LineageLayout.Layout layout = LineageLayout.compute(g.nodes(), g.edges());
        for (Edge e : g.edges()) {
            LineageLayout.Box from = layout.boxes().get(e.from());
            LineageLayout.Box to = layout.boxes().get(e.to());
            assertThat(from.x() + from.width()).as("%s -> %s", e.from(), e.to()).isLessThan(to.x());
        }
    }

    @Test
    void aDrawingIsMadeOncePerSubgraph() {
        Graph g = random(7, 20);
        LineageLayout layout = new LineageLayout();
        LineageSvg.Drawing first = layout.drawing(g.nodes(), g.edges());
        assertThat(layout.drawing(new ArrayList<>(g.nodes()), new ArrayList<>(g.edges()))).isSameAs(first);
        assertThat(layout.layoutsComputed()).isEqualTo(1);
        Graph other = random(8, 20);
        assertThat(layout.drawing(other.nodes(), other.edges())).isNotSameAs(first);
        assertThat(layout.layoutsComputed()).isEqualTo(2);
    }

    @Test
    void bigGraphsStartWithLabelsHidden() {
        Graph small = random(9, 30);
        assertThat(new LineageLayout().drawing(small.nodes(), small.edges()).head()).doesNotContain("lineage far");
        Graph big = random(10, LineageSvg.FAR_NODES + 1);
        assertThat(new LineageLayout().drawing(big.nodes(), big.edges()).head()).contains("class=\"lineage far\"");
    }
}
