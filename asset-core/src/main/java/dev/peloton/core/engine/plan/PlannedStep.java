package dev.peloton.core.engine.plan;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import java.util.List;

/**
 * One step of a plan: one compute over one partition or a batch of partitions.
 *
 * @param id         unique in the plan, readable: {@code warehouse/stage_results[2023-07-04]}
 * @param assets     the assets this step produces (several for a multi-asset)
 * @param partitions the partitions computed, as indices of the assets' partitions definition
 * @param dependsOn  ids of the steps of this plan that must succeed before this one starts
 */
public record PlannedStep(String id, List<AssetKey> assets, PartitionSet partitions, List<String> dependsOn) {

    public PlannedStep {
        assets = List.copyOf(assets);
        dependsOn = List.copyOf(dependsOn);
        if (assets.isEmpty()) {
            throw new IllegalArgumentException("A step produces at least one asset: " + id);
        }
    }

    /** The first asset produced, the step's asset for a single asset. */
    public AssetKey asset() {
        return assets.get(0);
    }
}
