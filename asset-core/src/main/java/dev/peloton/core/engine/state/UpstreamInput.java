package dev.peloton.core.engine.state;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One upstream asset of a definition as data versions see it: all edges from that upstream (value inputs and
 * {@code deps}; an asset may read one upstream twice, say today's and yesterday's partition) folded into one
 * set of partitions read. Input data versions are recorded per upstream asset, so this is their unit.
 */
public final class UpstreamInput {

    /** How a downstream partition's reads are found; the first two skip the mapping call altogether. */
    public enum Shape {
        /** Identity between equal definitions: partition {@code p} reads upstream partition {@code p}. */
        SAME_INDEX,
        /** Every downstream partition reads every upstream partition. */
        ALL,
        /** Ask the mappings. */
        MAPPED
    }

    private final int upstream;
    private final AssetKey upstreamKey;
    private final PartitionsDefinition upstreamDefinition;
    private final PartitionsDefinition downstreamDefinition;
    private final PartitionMapping[] mappings;
    private final Shape shape;

    private UpstreamInput(int upstream, AssetKey upstreamKey, PartitionsDefinition upstreamDefinition,
            PartitionsDefinition downstreamDefinition, PartitionMapping[] mappings) {
        this.upstream = upstream;
        this.upstreamKey = upstreamKey;
        this.upstreamDefinition = upstreamDefinition;
        this.downstreamDefinition = downstreamDefinition;
        this.mappings = mappings;
        this.shape = shapeOf(mappings, upstreamDefinition, downstreamDefinition);
    }

    /** The upstream inputs of asset {@code asset}, one per distinct upstream asset, in declaration order. */
    public static UpstreamInput[] of(AssetGraph graph, int asset) {
        Map<Integer, List<PartitionMapping>> byUpstream = new LinkedHashMap<>();
        for (AssetGraph.Edge e : graph.upstreamEdges(asset)) {
            byUpstream.computeIfAbsent(e.upstream(), k -> new ArrayList<>(1)).add(e.mapping());
        }
        PartitionsDefinition down = graph.definition(asset).partitions();
        UpstreamInput[] out = new UpstreamInput[byUpstream.size()];
        int i = 0;
        for (Map.Entry<Integer, List<PartitionMapping>> e : byUpstream.entrySet()) {
            int u = e.getKey();
            out[i++] = new UpstreamInput(u, graph.definition(u).key(), graph.definition(u).partitions(), down,
                    e.getValue().toArray(PartitionMapping[]::new));
        }
        return out;
    }

    private static Shape shapeOf(PartitionMapping[] mappings, PartitionsDefinition up, PartitionsDefinition down) {
        boolean allIdentity = true;
        for (PartitionMapping m : mappings) {
            if (PartitionMappings.all().equals(m)) {
                return Shape.ALL;
            }
            allIdentity &= PartitionMappings.identity().equals(m);
        }
        return allIdentity && up.equals(down) ? Shape.SAME_INDEX : Shape.MAPPED;
    }

    /** Index of the upstream asset in the graph. */
    public int upstream() {
        return upstream;
    }

    public AssetKey upstreamKey() {
        return upstreamKey;
    }

    public PartitionsDefinition upstreamDefinition() {
        return upstreamDefinition;
    }

    public Shape shape() {
        return shape;
    }

    /** The upstream partitions that the given downstream partitions read, over all edges from this upstream. */
    public PartitionSet reads(PartitionSet downstream) {
        if (downstream.isEmpty()) {
            return PartitionSet.empty();
        }
        return switch (shape) {
            case SAME_INDEX -> downstream;
            case ALL -> upstreamDefinition.all();
            case MAPPED -> {
                PartitionSet out = mappings[0].upstreamOf(downstream, downstreamDefinition, upstreamDefinition);
                for (int i = 1; i < mappings.length; i++) {
                    out = out.union(mappings[i].upstreamOf(downstream, downstreamDefinition, upstreamDefinition));
                }
                yield out;
            }
        };
    }

    /** The downstream partitions that read any of the given upstream partitions, over all edges. */
    public PartitionSet readers(PartitionSet upstreamPartitions) {
        if (upstreamPartitions.isEmpty()) {
            return PartitionSet.empty();
        }
        return switch (shape) {
            case SAME_INDEX -> upstreamPartitions;
            default -> {
                PartitionSet out = mappings[0].downstreamOf(upstreamPartitions, upstreamDefinition,
                        downstreamDefinition);
                for (int i = 1; i < mappings.length; i++) {
                    out = out.union(mappings[i].downstreamOf(upstreamPartitions, upstreamDefinition,
                            downstreamDefinition));
                }
                yield out;
            }
        };
    }
}
