package dev.peloton.core.engine.graph;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.RetryPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A declared asset: everything the engine knows about it before anything runs.
 *
 * @param key               the asset key
 * @param group             the group it is shown in
 * @param description       free text
 * @param owners            people or teams
 * @param tags              key-value tags
 * @param codeVersion       the version of its code (explicit or derived)
 * @param codeVersionSource where {@code codeVersion} comes from
 * @param partitions        its partitions; {@link PartitionsDefinition#none()} when unpartitioned
 * @param ioManager         name of the IO manager storing its values
 * @param retryPolicy       how failed steps are retried
 * @param pool              concurrency pool, or {@code null}
 * @param dependencies      its upstream edges, in parameter order then {@code deps}
 * @param handlesRanges     whether one invocation can compute a range of partitions
 * @param compute           its code
 * @param computeId         identifies the compute; equal for all outputs of one multi-asset
 * @param subsettable       for a multi-asset: whether the compute can produce only some outputs
 * @param valueType         the declared return type ({@code void.class} when it stores nothing)
 * @param origin            where it was declared, for error messages ({@code com.acme.Assets#stageResults})
 */
public record AssetDefinition(
        AssetKey key,
        String group,
        String description,
        List<String> owners,
        Map<String, String> tags,
        String codeVersion,
        CodeVersionSource codeVersionSource,
        PartitionsDefinition partitions,
        String ioManager,
        RetryPolicy retryPolicy,
        String pool,
        List<AssetDependency> dependencies,
        boolean handlesRanges,
        AssetCompute compute,
        String computeId,
        boolean subsettable,
        Class<?> valueType,
        String origin) {

    public AssetDefinition {
        Objects.requireNonNull(key, "key");
        group = group == null || group.isEmpty() ? "default" : group;
        description = description == null ? "" : description;
        owners = List.copyOf(owners == null ? List.of() : owners);
        tags = Map.copyOf(tags == null ? Map.of() : tags);
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(codeVersionSource, "codeVersionSource");
        partitions = partitions == null ? PartitionsDefinition.none() : partitions;
        ioManager = ioManager == null || ioManager.isEmpty() ? "default" : ioManager;
        retryPolicy = retryPolicy == null ? RetryPolicy.NONE : retryPolicy;
        pool = pool == null || pool.isEmpty() ? null : pool;
        dependencies = List.copyOf(dependencies == null ? List.of() : dependencies);
        computeId = computeId == null ? key.toString() : computeId;
        valueType = valueType == null ? Object.class : valueType;
        origin = origin == null ? key.toString() : origin;
    }

    /** Starts a definition built in code, for tests and generated graphs. */
    public static Builder builder(AssetKey key) {
        return new Builder(key);
    }

    public static Builder builder(String key) {
        return new Builder(AssetKey.parse(key));
    }

    public boolean isPartitioned() {
        return partitions.isPartitioned();
    }

    /** A fluent builder with defaults: group "default", code version "1", unpartitioned, a compute returning null. */
    public static final class Builder {
        private final AssetKey key;
        private String group = "default";
        private String description = "";
        private List<String> owners = List.of();
        private Map<String, String> tags = Map.of();
        private String codeVersion = "1";
        private CodeVersionSource codeVersionSource = CodeVersionSource.PROGRAMMATIC;
        private PartitionsDefinition partitions = PartitionsDefinition.none();
        private String ioManager = "default";
        private RetryPolicy retryPolicy = RetryPolicy.NONE;
        private String pool;
        private final java.util.ArrayList<AssetDependency> dependencies = new java.util.ArrayList<>();
        private boolean handlesRanges;
        private AssetCompute compute;
        private String computeId;
        private boolean subsettable;
        private Class<?> valueType = Object.class;
        private String origin;

        private Builder(AssetKey key) {
            this.key = key;
        }

        public Builder group(String v) { this.group = v; return this; }
        public Builder description(String v) { this.description = v; return this; }
        public Builder owners(List<String> v) { this.owners = v; return this; }
        public Builder tags(Map<String, String> v) { this.tags = v; return this; }
        public Builder codeVersion(String v) { this.codeVersion = v; return this; }
        public Builder codeVersionSource(CodeVersionSource v) { this.codeVersionSource = v; return this; }
        public Builder partitions(PartitionsDefinition v) { this.partitions = v; return this; }
        public Builder ioManager(String v) { this.ioManager = v; return this; }
        public Builder retryPolicy(RetryPolicy v) { this.retryPolicy = v; return this; }
        public Builder pool(String v) { this.pool = v; return this; }
        public Builder handlesRanges(boolean v) { this.handlesRanges = v; return this; }
        public Builder compute(AssetCompute v) { this.compute = v; return this; }
        public Builder computeId(String v) { this.computeId = v; return this; }
        public Builder subsettable(boolean v) { this.subsettable = v; return this; }
        public Builder valueType(Class<?> v) { this.valueType = v; return this; }
        public Builder origin(String v) { this.origin = v; return this; }

        public Builder dependency(AssetDependency d) { this.dependencies.add(d); return this; }

        /** An input passed by value under the upstream key's last segment, default mapping. */
        public Builder input(String upstreamKey) {
            AssetKey up = AssetKey.parse(upstreamKey);
            return dependency(AssetDependency.input(up, up.name(), Object.class));
        }

        public Builder input(String upstreamKey, dev.peloton.core.PartitionMapping mapping) {
            AssetKey up = AssetKey.parse(upstreamKey);
            return dependency(AssetDependency.input(up, up.name(), Object.class).withMapping(mapping));
        }

        public Builder deps(String upstreamKey) {
            return dependency(AssetDependency.deps(AssetKey.parse(upstreamKey)));
        }

        public AssetDefinition build() {
            AssetCompute c = compute != null ? compute : (inputs, ctx) -> java.util.Collections.singletonMap(key, null);
            return new AssetDefinition(key, group, description, owners, tags, codeVersion, codeVersionSource,
                    partitions, ioManager, retryPolicy, pool, dependencies, handlesRanges, c, computeId,
                    subsettable, valueType, origin);
        }
    }
}
