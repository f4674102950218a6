package dev.peloton.runtime.automation;

import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.selection.AssetSelection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The partitions definition a selection shares, for a schedule's default partition function. */
@FunctionalInterface
public interface SelectionPartitions {

    Optional<PartitionsDefinition> of(String selection);

    /** Knows no graph: every schedule runs all partitions unless its function says otherwise. */
    static SelectionPartitions none() {
        return selection -> Optional.empty();
    }

    /**
     * The partitions definition of the selected partitioned assets when they all have the same one; empty when
     * none is partitioned or they differ (then the default function runs every partition).
     */
    static SelectionPartitions from(AssetGraph graph) {
        return selection -> {
            Set<PartitionsDefinition> distinct = new LinkedHashSet<>();
            for (var key : AssetSelection.parse(selection).resolve(graph)) {
                AssetDefinition definition = graph.get(key);
                if (definition.partitions().isPartitioned()) {
                    distinct.add(definition.partitions());
                }
            }
            return distinct.size() == 1 ? Optional.of(distinct.iterator().next()) : Optional.empty();
        };
    }
}
