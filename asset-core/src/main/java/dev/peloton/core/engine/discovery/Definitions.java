package dev.peloton.core.engine.discovery;

import dev.peloton.core.IOManager;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.CheckDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What discovery found.
 *
 * @param assets     the asset definitions, in the order their classes and methods were scanned
 * @param checks     the check definitions
 * @param partitions the partitions definitions declared with {@code @Partitions}, by name
 */
public record Definitions(List<AssetDefinition> assets, List<CheckDefinition> checks,
        Map<String, PartitionsDefinition> partitions) {

    public Definitions {
        assets = List.copyOf(assets);
        checks = List.copyOf(checks);
        partitions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(partitions));
    }

    /** Builds and validates the graph, without checking IO managers. */
    public AssetGraph toGraph() {
        return AssetGraph.of(assets, checks);
    }

    /** Builds and validates the graph, also checking that every IO manager named exists and can load its inputs. */
    public AssetGraph toGraph(Map<String, IOManager> ioManagers) {
        return AssetGraph.of(assets, checks, ioManagers);
    }
}
