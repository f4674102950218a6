package dev.peloton.core.engine.graph;

import dev.peloton.core.AssetKey;
import java.util.List;
import java.util.Objects;

/**
 * A declared asset check.
 *
 * @param asset        the asset checked
 * @param name         unique per asset
 * @param description  free text
 * @param blocking     whether a failure stops the steps downstream of the asset
 * @param dependencies the values it loads (the checked asset, and possibly others)
 * @param compute      its code
 * @param origin       where it was declared
 */
public record CheckDefinition(AssetKey asset, String name, String description, boolean blocking,
        List<AssetDependency> dependencies, CheckCompute compute, String origin) {

    public CheckDefinition {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(compute, "compute");
        description = description == null ? "" : description;
        dependencies = List.copyOf(dependencies == null ? List.of() : dependencies);
        origin = origin == null ? asset + ":" + name : origin;
    }

    /** {@code asset:name}, unique in a graph. */
    public String id() {
        return asset + ":" + name;
    }
}
