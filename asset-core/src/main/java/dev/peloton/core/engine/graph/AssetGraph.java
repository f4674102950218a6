package dev.peloton.core.engine.graph;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionMappings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All asset definitions with their edges: immutable, validated once when built. Assets are numbered
 * {@code 0..size-1} in topological order (upstream before downstream), so that engine loops run over arrays.
 */
public final class AssetGraph {

    private final AssetDefinition[] definitions;
    private final Map<AssetKey, Integer> index;
    private final Edge[][] upstream;
    private final Edge[][] downstream;
    private final Map<AssetKey, List<CheckDefinition>> checks;

    /**
     * An edge {@code upstream -> downstream} with its resolved partition mapping.
     *
     * @param upstream   index of the upstream asset
     * @param downstream index of the downstream asset
     * @param dependency the declaration
     * @param mapping    the declared mapping, or the inferred default
     */
    public record Edge(int upstream, int downstream, AssetDependency dependency, PartitionMapping mapping) {
    }

    private AssetGraph(List<AssetDefinition> ordered, List<CheckDefinition> checkList) {
        int n = ordered.size();
        this.definitions = ordered.toArray(AssetDefinition[]::new);
        this.index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(definitions[i].key(), i);
        }
        this.upstream = new Edge[n][];
        List<List<Edge>> down = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            down.add(new ArrayList<>(2));
        }
        for (int i = 0; i < n; i++) {
            AssetDefinition d = definitions[i];
            Edge[] ups = new Edge[d.dependencies().size()];
            for (int k = 0; k < ups.length; k++) {
                AssetDependency dep = d.dependencies().get(k);
                int u = index.get(dep.upstream());
                PartitionMapping mapping = dep.mapping() != null ? dep.mapping()
                        : PartitionMappings.defaultFor(definitions[u].partitions(), d.partitions());
                ups[k] = new Edge(u, i, dep, mapping);
                down.get(u).add(ups[k]);
            }
            upstream[i] = ups;
        }
        this.downstream = new Edge[n][];
        for (int i = 0; i < n; i++) {
            downstream[i] = down.get(i).toArray(Edge[]::new);
        }
        Map<AssetKey, List<CheckDefinition>> byAsset = new HashMap<>();
        for (CheckDefinition c : checkList) {
            byAsset.computeIfAbsent(c.asset(), k -> new ArrayList<>()).add(c);
        }
        byAsset.replaceAll((k, v) -> List.copyOf(v));
        this.checks = Collections.unmodifiableMap(byAsset);
    }

    /**
     * Builds and validates a graph.
     *
     * @throws InvalidAssetGraphException listing every problem found, each naming the assets involved
     */
    public static AssetGraph of(Collection<AssetDefinition> assets, Collection<CheckDefinition> checks) {
        List<AssetDefinition> ordered = GraphValidator.validateAndOrder(List.copyOf(assets), List.copyOf(checks),
                null);
        return new AssetGraph(ordered, List.copyOf(checks));
    }

    /**
     * Builds and validates a graph, also checking that every IO manager an asset names is registered and that
     * the IO manager of each upstream asset can load the type of every parameter that takes its value.
     *
     * @param ioManagers the registered IO managers, by name
     * @throws InvalidAssetGraphException listing every problem found, each naming the assets involved
     */
    public static AssetGraph of(Collection<AssetDefinition> assets, Collection<CheckDefinition> checks,
            Map<String, dev.peloton.core.IOManager> ioManagers) {
        java.util.Objects.requireNonNull(ioManagers, "ioManagers");
        List<AssetDefinition> ordered = GraphValidator.validateAndOrder(List.copyOf(assets), List.copyOf(checks),
                ioManagers);
        return new AssetGraph(ordered, List.copyOf(checks));
    }

    public static AssetGraph of(Collection<AssetDefinition> assets) {
        return of(assets, List.of());
    }

    public int size() {
        return definitions.length;
    }

    public AssetDefinition definition(int i) {
        return definitions[i];
    }

    /** All definitions in topological order. */
    public List<AssetDefinition> definitions() {
        return List.of(definitions);
    }

    /** The index of {@code key}, or -1. */
    public int indexOf(AssetKey key) {
        Integer i = index.get(key);
        return i == null ? -1 : i;
    }

    public boolean contains(AssetKey key) {
        return index.containsKey(key);
    }

    public Optional<AssetDefinition> find(AssetKey key) {
        int i = indexOf(key);
        return i < 0 ? Optional.empty() : Optional.of(definitions[i]);
    }

    /** The definition of {@code key}, or an {@link UnknownAssetException} naming it. */
    public AssetDefinition get(AssetKey key) {
        int i = indexOf(key);
        if (i < 0) {
            throw new UnknownAssetException(key);
        }
        return definitions[i];
    }

    /** Edges into asset {@code i}, in declaration order. */
    public Edge[] upstreamEdges(int i) {
        return upstream[i];
    }

    /** Edges out of asset {@code i}. */
    public Edge[] downstreamEdges(int i) {
        return downstream[i];
    }

    public List<CheckDefinition> checksOf(AssetKey key) {
        return checks.getOrDefault(key, List.of());
    }

    public List<CheckDefinition> checks() {
        return checks.values().stream().flatMap(List::stream).toList();
    }

    /** Definitions sharing {@code computeId}: the outputs of one multi-asset, or just one asset. */
    public List<AssetDefinition> sameCompute(AssetDefinition definition) {
        if (definition.computeId().equals(definition.key().toString())) {
            return List.of(definition);
        }
        List<AssetDefinition> out = new ArrayList<>();
        for (AssetDefinition d : definitions) {
            if (d.computeId().equals(definition.computeId())) {
                out.add(d);
            }
        }
        return out;
    }
}
