package dev.peloton.core.engine.graph;

import dev.peloton.core.AssetContext;
import dev.peloton.core.AssetKey;
import java.util.Map;

/**
 * The code of an asset definition. One compute may produce several assets (a multi-asset): every definition
 * it produces holds the same instance and the same {@link AssetDefinition#computeId()}.
 */
@FunctionalInterface
public interface AssetCompute {

    /**
     * Runs the code.
     *
     * @param inputs  loaded upstream values, by parameter name
     * @param context the step's context; {@link AssetContext#selectedAssets()} names the outputs wanted
     * @return the produced values by asset key; a {@code void} asset maps its key to {@code null}
     */
    Map<AssetKey, Object> compute(Map<String, Object> inputs, AssetContext context) throws Exception;
}
