package dev.peloton.core.engine.execution;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetCompute;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.PlannedStep;
import java.util.List;
import java.util.Set;

/**
 * A planned step with everything looked up once before the run starts.
 *
 * @param step         the planned step
 * @param assetIndices graph indices of its assets, in topological order
 * @param definitions  their definitions, in the same order
 * @param selected     the asset keys produced, in the order of the plan
 * @param partitions   the partitions definition the step's partition indices refer to
 * @param partitionSet the partitions to compute ({@code {0}} for an unpartitioned step)
 * @param pools        the distinct concurrency pools of its assets, sorted (so permits are taken in one order)
 * @param inputs       the edges whose values the compute receives, one per parameter name
 */
record ResolvedStep(PlannedStep step, int[] assetIndices, List<AssetDefinition> definitions, Set<AssetKey> selected,
        PartitionsDefinition partitions, PartitionSet partitionSet, List<String> pools, List<AssetGraph.Edge> inputs) {

    String id() {
        return step.id();
    }

    AssetDefinition primary() {
        return definitions.get(0);
    }

    AssetCompute compute() {
        return primary().compute();
    }

    /** Whether one invocation computes every partition of the step at once. */
    boolean handlesRanges() {
        return primary().handlesRanges();
    }
}
