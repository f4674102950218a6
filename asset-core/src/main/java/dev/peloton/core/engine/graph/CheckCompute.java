package dev.peloton.core.engine.graph;

import dev.peloton.core.AssetContext;
import dev.peloton.core.CheckResult;
import java.util.Map;

/** The code of an asset check. */
@FunctionalInterface
public interface CheckCompute {

    /**
     * @param inputs  loaded values by parameter name (the checked asset's value among them)
     * @param context the context of the step that materialized the asset
     */
    CheckResult evaluate(Map<String, Object> inputs, AssetContext context) throws Exception;
}
