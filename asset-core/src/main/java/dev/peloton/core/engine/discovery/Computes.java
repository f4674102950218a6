package dev.peloton.core.engine.discovery;

import dev.peloton.core.AssetContext;
import dev.peloton.core.AssetKey;
import dev.peloton.core.CheckResult;
import dev.peloton.core.engine.graph.AssetCompute;
import dev.peloton.core.engine.graph.CheckCompute;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The computes that discovery builds around annotated methods. */
final class Computes {

    private Computes() {
    }

    /** One {@code @Asset} method: its return value is the asset's value. */
    record SingleAsset(AssetKey key, MethodInvoker invoker) implements AssetCompute {
        @Override
        public Map<AssetKey, Object> compute(Map<String, Object> inputs, AssetContext context) throws Exception {
            return Collections.singletonMap(key, invoker.invoke(inputs, context));
        }
    }

    /** One {@code @MultiAsset} method: it returns a map from output name to value. */
    static final class MultiAsset implements AssetCompute {
        private final Map<String, AssetKey> outputs;
        private final Map<AssetKey, String> names = new LinkedHashMap<>();
        private final MethodInvoker invoker;
        private final String subject;

        /** @param outputs output name to key, in declaration order */
        MultiAsset(Map<String, AssetKey> outputs, MethodInvoker invoker, String subject) {
            this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
            outputs.forEach((name, key) -> names.put(key, name));
            this.invoker = invoker;
            this.subject = subject;
        }

        @Override
        public Map<AssetKey, Object> compute(Map<String, Object> inputs, AssetContext context) throws Exception {
            Object result = invoker.invoke(inputs, context);
            if (!(result instanceof Map<?, ?> values)) {
                throw new IllegalStateException(subject + " returned " + (result == null ? "null" : "a "
                        + result.getClass().getName()) + "; it must return a Map from output name to value, with "
                        + "outputs " + outputs.keySet());
            }
            for (Object name : values.keySet()) {
                if (!(name instanceof String s) || !outputs.containsKey(s)) {
                    throw new IllegalStateException(subject + " returned a value for '" + name
                            + "', which is not one of its outputs " + outputs.keySet());
                }
            }
            Set<AssetKey> selected = context == null || context.selectedAssets() == null
                    || context.selectedAssets().isEmpty() ? names.keySet() : context.selectedAssets();
            Map<AssetKey, Object> out = new LinkedHashMap<>();
            for (Map.Entry<AssetKey, String> output : names.entrySet()) {
                if (!selected.contains(output.getKey())) {
                    continue;
                }
                if (!values.containsKey(output.getValue())) {
                    throw new IllegalStateException(subject + " did not return output '" + output.getValue()
                            + "' (asset '" + output.getKey() + "'), which was selected; it returned "
                            + values.keySet());
                }
                out.put(output.getKey(), values.get(output.getValue()));
            }
            for (AssetKey key : selected) {
                if (!names.containsKey(key)) {
                    throw new IllegalArgumentException(subject + " was asked for asset '" + key
                            + "', which is not one of its outputs " + List.copyOf(names.keySet()));
                }
            }
            return out;
        }
    }

    /** One {@code @AssetCheck} method. */
    record Check(String checkId, String origin, MethodInvoker invoker) implements CheckCompute {
        @Override
        public CheckResult evaluate(Map<String, Object> inputs, AssetContext context) throws Exception {
            Object result = invoker.invoke(inputs, context);
            if (result == null) {
                throw new IllegalStateException("Check '" + checkId + "' (" + origin
                        + ") returned null; it must return a CheckResult");
            }
            return (CheckResult) result;
        }
    }
}
