package dev.peloton.runtime.engine;

import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.CheckDefinition;
import java.util.Collection;
import java.util.List;

/**
 * Asset definitions built in code rather than declared with {@code @Asset} methods: a generated graph, assets read
 * from a configuration file, a benchmark's thousands of assets. Declare a bean of this type and the runtime adds
 * its definitions to those discovered from annotated beans, before the graph is validated; several beans add up.
 *
 * <pre>{@code
 * @Bean
 * ProgrammaticAssets generated() {
 *     return ProgrammaticAssets.of(List.of(
 *             AssetDefinition.builder("raw/orders").group("raw").build(),
 *             AssetDefinition.builder("marts/revenue").input("raw/orders").build()));
 * }
 * }</pre>
 *
 * @param assets the asset definitions (keys must not clash with discovered ones: the graph rejects duplicates)
 * @param checks checks of those or of any other asset
 */
public record ProgrammaticAssets(List<AssetDefinition> assets, List<CheckDefinition> checks) {

    public ProgrammaticAssets {
        assets = List.copyOf(assets == null ? List.of() : assets);
        checks = List.copyOf(checks == null ? List.of() : checks);
    }

    public static ProgrammaticAssets of(Collection<AssetDefinition> assets) {
        return new ProgrammaticAssets(List.copyOf(assets), List.of());
    }
}
