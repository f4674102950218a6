package dev.peloton.core.engine.graph;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionMapping;

/**
 * An edge from an upstream asset into a definition.
 *
 * @param upstream      the upstream asset
 * @param parameterName the parameter that receives its value, or {@code null} for a dependency that passes no
 *                      value ({@code deps})
 * @param parameterType the parameter's type ({@code null} with no parameter)
 * @param mapping       the declared partition mapping, or {@code null} to infer the default
 */
public record AssetDependency(AssetKey upstream, String parameterName, Class<?> parameterType,
        PartitionMapping mapping) {

    public static AssetDependency deps(AssetKey upstream) {
        return new AssetDependency(upstream, null, null, null);
    }

    public static AssetDependency input(AssetKey upstream, String parameterName, Class<?> type) {
        return new AssetDependency(upstream, parameterName, type, null);
    }

    public AssetDependency withMapping(PartitionMapping mapping) {
        return new AssetDependency(upstream, parameterName, parameterType, mapping);
    }

    public boolean passesValue() {
        return parameterName != null;
    }
}
