package dev.peloton.core.engine.discovery;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.RetryPolicy;
import dev.peloton.core.engine.graph.AssetCompute;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetDependency;
import dev.peloton.core.engine.graph.CheckDefinition;
import dev.peloton.core.engine.graph.CodeVersionSource;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An annotated method read, waiting for its parameter names to be resolved against every declared key. */
sealed interface PendingMethod {

    /** The asset keys this method declares. */
    List<AssetKey> declaredKeys();

    /** Resolves the upstream keys and adds the finished definitions, or adds problems. */
    void finish(KeyResolver resolver, List<AssetDefinition> assets, List<CheckDefinition> checks,
            List<String> problems);

    /**
     * One parameter.
     *
     * @param explicit the key from {@code @In}, or null when the parameter's name names its upstream asset
     * @param mapping  the declared mapping, or null for the default
     */
    record Param(int position, String name, Class<?> type, boolean context, AssetKey explicit,
            PartitionMapping mapping) {
        static Param context(int position, String name) {
            return new Param(position, name, null, true, null, null);
        }

        static Param input(int position, String name, Class<?> type, AssetKey explicit, PartitionMapping mapping) {
            return new Param(position, name, type, false, explicit, mapping);
        }
    }

    /** One asset produced by an asset method. */
    record Output(AssetKey key, String name, String description, List<String> owners, Map<String, String> tags,
            String ioManager) {
    }

    /** What @Asset and @MultiAsset have in common. */
    record Common(Source source, Method method, String origin, String subject, String group, String codeVersion,
            CodeVersionSource codeVersionSource, PartitionsDefinition partitions, String ioManager,
            RetryPolicy retryPolicy, String pool, List<Param> params, List<AssetKey> deps, String keyPrefix) {
    }

    /** An @Asset or @MultiAsset method. */
    record AssetMethod(Common common, List<Output> outputs, boolean multi, boolean subsettable, boolean handlesRanges,
            Class<?> returnType) implements PendingMethod {

        @Override
        public List<AssetKey> declaredKeys() {
            return outputs.stream().map(Output::key).toList();
        }

        @Override
        public void finish(KeyResolver resolver, List<AssetDefinition> assets, List<CheckDefinition> checks,
                List<String> problems) {
            Common c = common;
            Binding binding = Binding.bind(c.source(), c.method(), c.params(), c.subject(), problems,
                    p -> resolveByName(resolver, p, c.keyPrefix(), c.subject(), problems));
            if (binding == null) {
                return;
            }
            List<AssetDependency> dependencies = new ArrayList<>(binding.dependencies());
            for (AssetKey dep : c.deps()) {
                dependencies.add(AssetDependency.deps(dep));
            }
            AssetCompute compute;
            String computeId;
            if (multi) {
                Map<String, AssetKey> byName = new LinkedHashMap<>();
                outputs.forEach(o -> byName.put(o.name(), o.key()));
                compute = new Computes.MultiAsset(byName, binding.invoker(), c.subject());
                computeId = c.origin();
            } else {
                compute = new Computes.SingleAsset(outputs.get(0).key(), binding.invoker());
                computeId = null;
            }
            Class<?> valueType = multi ? Object.class : returnType;
            for (Output o : outputs) {
                assets.add(new AssetDefinition(o.key(), c.group(), o.description(), o.owners(), o.tags(),
                        c.codeVersion(), c.codeVersionSource(), c.partitions(), o.ioManager(), c.retryPolicy(),
                        c.pool(), dependencies, handlesRanges, compute, computeId, subsettable, valueType,
                        c.origin()));
            }
        }
    }

    /** An @AssetCheck method. */
    record CheckMethod(Source source, Method method, String origin, String subject, AssetKey asset, String name,
            String description, boolean blocking, List<Param> params) implements PendingMethod {

        @Override
        public List<AssetKey> declaredKeys() {
            return List.of();
        }

        @Override
        public void finish(KeyResolver resolver, List<AssetDefinition> assets, List<CheckDefinition> checks,
                List<String> problems) {
            Param value = valueParameter();
            String prefix = asset.path().size() > 1
                    ? String.join("/", asset.path().subList(0, asset.path().size() - 1)) : "";
            Binding binding = Binding.bind(source, method, params, subject, problems,
                    p -> p == value ? asset : resolveByName(resolver, p, prefix, subject, problems));
            if (binding == null) {
                return;
            }
            String id = asset + ":" + name;
            checks.add(new CheckDefinition(asset, name, description, blocking, binding.dependencies(),
                    new Computes.Check(id, origin, binding.invoker()), origin));
        }

        /** The parameter that names the checked asset, or else the first one that is not the context. */
        private Param valueParameter() {
            Param first = null;
            for (Param p : params) {
                if (p.context()) {
                    continue;
                }
                if (first == null) {
                    first = p;
                }
                boolean names = p.explicit() != null ? p.explicit().equals(asset)
                        : p.name().equals(asset.name()) || p.name().equals(asset.toString());
                if (names) {
                    return p;
                }
            }
            return first;
        }
    }

    private static AssetKey resolveByName(KeyResolver resolver, Param p, String prefix, String subject,
            List<String> problems) {
        if (p.explicit() != null) {
            return p.explicit();
        }
        KeyResolver.Resolution r = resolver.resolve(p.name(), prefix);
        if (r.ambiguity() != null) {
            problems.add(subject + ": " + r.ambiguity());
        }
        return r.key();
    }

    /** The dependencies and invoker of a method whose parameters are resolved. */
    record Binding(List<AssetDependency> dependencies, MethodInvoker invoker) {

        /** Null when a parameter could not be resolved or the method cannot be called; the problems say why. */
        static Binding bind(Source source, Method method, List<Param> params, String subject, List<String> problems,
                Function<Param, AssetKey> upstreamOf) {
            int before = problems.size();
            List<AssetDependency> dependencies = new ArrayList<>();
            List<MethodInvoker.Slot> slots = new ArrayList<>();
            for (Param p : params) {
                if (p.context()) {
                    slots.add(new MethodInvoker.ContextSlot());
                    continue;
                }
                AssetKey upstream = upstreamOf.apply(p);
                if (upstream == null) {
                    continue;
                }
                dependencies.add(new AssetDependency(upstream, p.name(), p.type(), p.mapping()));
                slots.add(new MethodInvoker.InputSlot(p.name(), p.type(), upstream));
            }
            if (slots.size() != method.getParameterCount()) {
                // Unusable parameters were already reported when the method was read.
                return null;
            }
            Object instance = null;
            if (!Modifier.isStatic(method.getModifiers())) {
                instance = source.instance();
                if (instance == null) {
                    problems.add(subject + ": is an instance method, but " + source.instanceFailure());
                }
            }
            if (problems.size() > before) {
                return null;
            }
            try {
                return new Binding(dependencies, MethodInvoker.create(method, instance, slots, subject));
            } catch (IllegalAccessException | InaccessibleObjectException e) {
                problems.add(subject + ": cannot be called: " + e.getMessage());
                return null;
            }
        }
    }
}
