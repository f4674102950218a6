package dev.peloton.core.engine.plan;

import dev.peloton.core.AssetKey;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to plan.
 *
 * @param assets              the selected assets (already resolved from a selection expression)
 * @param partitions          which of their partitions
 * @param onlyStaleAndMissing leave out partitions that are fresh
 * @param memoize             leave out partitions whose code version and input data versions equal those of their
 *                            latest materialization, when nothing upstream of them in the plan will change them
 * @param granularity         how many partitions one step computes
 */
public record PlanRequest(Set<AssetKey> assets, PartitionSelection partitions, boolean onlyStaleAndMissing,
        boolean memoize, StepGranularity granularity) {

    public PlanRequest {
        Objects.requireNonNull(assets, "assets");
        assets = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(assets));
        partitions = partitions == null ? PartitionSelection.all() : partitions;
        granularity = granularity == null ? StepGranularity.perPartition() : granularity;
    }

    /** All partitions of these assets, one step per partition. */
    public static Builder of(Collection<AssetKey> assets) {
        return new Builder(assets);
    }

    public static Builder of(String... assets) {
        return new Builder(java.util.Arrays.stream(assets).map(AssetKey::parse).toList());
    }

    /** A fluent builder. */
    public static final class Builder {
        private final Collection<AssetKey> assets;
        private PartitionSelection partitions = PartitionSelection.all();
        private boolean onlyStaleAndMissing;
        private boolean memoize;
        private StepGranularity granularity = StepGranularity.perPartition();

        private Builder(Collection<AssetKey> assets) {
            this.assets = assets;
        }

        public Builder partitions(PartitionSelection v) { this.partitions = v; return this; }
        public Builder keys(String... keys) { return partitions(PartitionSelection.keys(keys)); }
        public Builder range(String first, String last) { return partitions(PartitionSelection.range(first, last)); }
        public Builder onlyStaleAndMissing(boolean v) { this.onlyStaleAndMissing = v; return this; }
        public Builder memoize(boolean v) { this.memoize = v; return this; }
        public Builder granularity(StepGranularity v) { this.granularity = v; return this; }

        public PlanRequest build() {
            return new PlanRequest(Set.copyOf(assets), partitions, onlyStaleAndMissing, memoize, granularity);
        }
    }
}
