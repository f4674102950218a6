package dev.peloton.core.engine.discovery;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetCheck;
import dev.peloton.core.AssetContext;
import dev.peloton.core.AssetKey;
import dev.peloton.core.CheckResult;
import dev.peloton.core.In;
import dev.peloton.core.MappingKind;
import dev.peloton.core.MultiAsset;
import dev.peloton.core.Out;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.Retry;
import dev.peloton.core.RetryPolicy;
import dev.peloton.core.engine.graph.CodeVersionSource;
import dev.peloton.core.engine.graph.KeySuggestions;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one annotated method into a {@link PendingMethod}: everything but the upstream keys named by parameter
 * names, which need every declared key first. Problems are added to the shared list, each prefixed with the
 * method and the asset or check it declares, and reading goes on so that all of them are reported at once.
 */
final class MethodReader {

    private final NamedDeclarations named;
    private final CodeVersions codeVersions;
    private final List<String> problems;

    MethodReader(NamedDeclarations named, CodeVersions codeVersions, List<String> problems) {
        this.named = named;
        this.codeVersions = codeVersions;
        this.problems = problems;
    }

    /** The method's declaration, or null when it declares nothing or is too broken to go on. */
    PendingMethod read(Source source, Method m) {
        Asset asset = m.getAnnotation(Asset.class);
        MultiAsset multi = m.getAnnotation(MultiAsset.class);
        AssetCheck check = m.getAnnotation(AssetCheck.class);
        int count = (asset != null ? 1 : 0) + (multi != null ? 1 : 0) + (check != null ? 1 : 0);
        if (count == 0) {
            return null;
        }
        if (count > 1) {
            problems.add(Source.origin(m) + ": carries more than one of @Asset, @MultiAsset and @AssetCheck; a "
                    + "method declares one thing");
            return null;
        }
        if (asset != null) {
            return readAsset(source, m, asset);
        }
        if (multi != null) {
            return readMultiAsset(source, m, multi);
        }
        return readCheck(source, m, check);
    }

    private PendingMethod readAsset(Source source, Method m, Asset a) {
        String origin = Source.origin(m);
        String rawKey = a.key().isEmpty() ? join(a.keyPrefix(), m.getName()) : a.key();
        String subject = origin + " (asset '" + rawKey + "')";
        if (!a.key().isEmpty() && !a.keyPrefix().isEmpty()) {
            problem(subject, "give either key or keyPrefix, not both (key is the full key)");
        }
        AssetKey key = key(rawKey, subject, "key");
        PendingMethod.Common common = common(source, m, subject, a.group(), a.codeVersion(), a.partitions(),
                a.ioManager(), a.deps(), a.pool(), a.keyPrefix());
        Map<String, String> tags = tags(a.tags(), subject);
        if (key == null) {
            return null;
        }
        PendingMethod.Output output = new PendingMethod.Output(key, m.getName(), a.description(),
                List.of(a.owners()), tags, common.ioManager());
        return new PendingMethod.AssetMethod(common, List.of(output), false, false, a.handlesRanges(),
                m.getReturnType());
    }

    private PendingMethod readMultiAsset(Source source, Method m, MultiAsset a) {
        String origin = Source.origin(m);
        List<String> names = new ArrayList<>();
        for (Out out : a.outs()) {
            names.add(out.key().isEmpty() ? join(a.keyPrefix(), out.value()) : out.key());
        }
        String subject = origin + " (multi-asset " + names + ")";
        PendingMethod.Common common = common(source, m, subject, a.group(), a.codeVersion(), a.partitions(),
                a.ioManager(), a.deps(), a.pool(), a.keyPrefix());
        if (a.outs().length == 0) {
            problem(subject, "@MultiAsset declares no outs");
        }
        if (!Map.class.isAssignableFrom(m.getReturnType())) {
            problem(subject, "returns " + m.getReturnType().getName() + "; a multi-asset must return a "
                    + "Map<String, Object> from output name to value");
        }
        List<PendingMethod.Output> outputs = new ArrayList<>();
        Set<String> outputNames = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < a.outs().length; i++) {
            Out out = a.outs()[i];
            String outSubject = origin + " (asset '" + names.get(i) + "')";
            if (!outputNames.add(out.value())) {
                problem(subject, "output name '" + out.value() + "' is declared twice");
                ok = false;
            }
            if (out.key().isEmpty() && !AssetKey.isValid(out.value())) {
                problem(outSubject, "output name '" + out.value() + "' is not a valid key segment; give the output a "
                        + "key");
            }
            AssetKey key = key(names.get(i), outSubject, "key");
            Map<String, String> tags = tags(out.tags(), outSubject);
            if (key == null) {
                ok = false;
                continue;
            }
            String io = out.ioManager().isEmpty() ? common.ioManager() : out.ioManager();
            outputs.add(new PendingMethod.Output(key, out.value(), out.description(), List.of(out.owners()), tags, io));
        }
        if (!ok) {
            return null;
        }
        return new PendingMethod.AssetMethod(common, outputs, true, a.subsettable(), false, m.getReturnType());
    }

    private PendingMethod readCheck(Source source, Method m, AssetCheck c) {
        String origin = Source.origin(m);
        String name = c.name().isEmpty() ? m.getName() : c.name();
        String subject = origin + " (check '" + c.asset() + ":" + name + "')";
        AssetKey asset = key(c.asset(), subject, "asset");
        if (!AssetKey.isValid(name) || name.contains("/")) {
            problem(subject, "check name '" + name + "' must be letters, digits, '_', '-' and '.'");
        }
        if (m.getReturnType() != CheckResult.class) {
            problem(subject, "returns " + m.getReturnType().getName() + "; a check must return a CheckResult");
        }
        if (m.getAnnotation(Retry.class) != null) {
            problem(subject, "@Retry applies to @Asset and @MultiAsset methods, not to checks");
        }
        List<PendingMethod.Param> params = parameters(m, subject);
        if (asset == null) {
            return null;
        }
        return new PendingMethod.CheckMethod(source, m, origin, subject, asset, name, c.description(), c.blocking(),
                params);
    }

    /** What @Asset and @MultiAsset share. */
    private PendingMethod.Common common(Source source, Method m, String subject, String group, String codeVersion,
            String partitionsName, String ioManager, String[] deps, String pool, String keyPrefix) {
        PartitionsDefinition partitions = PartitionsDefinition.none();
        if (!partitionsName.isEmpty()) {
            partitions = named.partitions(partitionsName);
            if (partitions == null) {
                problem(subject, "unknown @Partitions '" + partitionsName + "'"
                        + KeySuggestions.hint(partitionsName, named.partitionNames())
                        + declared("@Partitions", named.partitionNames()));
            }
        }
        RetryPolicy retry = retry(m.getAnnotation(Retry.class), subject);
        List<PendingMethod.Param> params = parameters(m, subject);
        List<AssetKey> depKeys = new ArrayList<>();
        for (String dep : deps) {
            AssetKey k = key(dep, subject, "deps entry");
            if (k != null) {
                depKeys.add(k);
            }
        }
        if (!keyPrefix.isEmpty() && !AssetKey.isValid(keyPrefix)) {
            problem(subject, "keyPrefix '" + keyPrefix + "' is not a valid key path");
            keyPrefix = "";
        }
        String version;
        CodeVersionSource versionSource;
        if (!codeVersion.isEmpty()) {
            version = codeVersion;
            versionSource = CodeVersionSource.EXPLICIT;
        } else {
            versionSource = CodeVersionSource.BYTECODE;
            String derived;
            try {
                derived = codeVersions.of(m);
            } catch (IllegalArgumentException e) {
                problem(subject, e.getMessage());
                derived = "unknown";
            }
            version = derived;
        }
        return new PendingMethod.Common(source, m, Source.origin(m), subject, group, version, versionSource,
                partitions == null ? PartitionsDefinition.none() : partitions, ioManager, retry, pool, params,
                depKeys, keyPrefix);
    }

    private List<PendingMethod.Param> parameters(Method m, String subject) {
        List<PendingMethod.Param> out = new ArrayList<>();
        Parameter[] ps = m.getParameters();
        for (int i = 0; i < ps.length; i++) {
            Parameter p = ps[i];
            In in = p.getAnnotation(In.class);
            if (p.getType() == AssetContext.class) {
                if (in != null) {
                    problem(subject, "parameter '" + p.getName() + "' is the AssetContext; it cannot carry @In");
                }
                out.add(PendingMethod.Param.context(i, p.getName()));
                continue;
            }
            String name = p.getName();
            AssetKey explicit = null;
            boolean usable = true;
            if (in != null && !in.value().isEmpty()) {
                explicit = key(in.value(), subject, "@In on parameter '" + name + "'");
                usable = explicit != null;
            } else if (!p.isNamePresent()) {
                problem(subject, "parameter " + i + " (" + p.getType().getSimpleName() + ") has no name: compile "
                        + "with -parameters, or name its upstream asset with @In(\"...\")");
                usable = false;
            } else if (!AssetKey.isValid(name)) {
                problem(subject, "parameter '" + name + "' is not a valid asset key segment; name its upstream asset "
                        + "with @In(\"...\")");
                usable = false;
            }
            PartitionMapping mapping = mapping(in, name, subject);
            if (usable) {
                out.add(PendingMethod.Param.input(i, name, p.getType(), explicit, mapping));
            }
        }
        return out;
    }

    private PartitionMapping mapping(In in, String param, String subject) {
        if (in == null) {
            return null;
        }
        MappingKind kind = in.mapping();
        String where = "parameter '" + param + "': ";
        stray(in.offset() != 0, kind, MappingKind.OFFSET, "offset = " + in.offset(), where, subject);
        stray(in.window() != 0, kind, MappingKind.WINDOW, "window = " + in.window(), where, subject);
        stray(!in.dimension().isEmpty(), kind, MappingKind.DIMENSION, "dimension = \"" + in.dimension() + "\"", where,
                subject);
        stray(!in.named().isEmpty(), kind, MappingKind.NAMED, "named = \"" + in.named() + "\"", where, subject);
        try {
            return switch (kind) {
                case DEFAULT -> null;
                case IDENTITY -> PartitionMappings.identity();
                case ALL -> PartitionMappings.all();
                case LAST -> PartitionMappings.last();
                case OFFSET -> PartitionMappings.offset(in.offset());
                case WINDOW -> PartitionMappings.window(in.window());
                case DIMENSION -> {
                    if (in.dimension().isEmpty()) {
                        problem(subject, where + "mapping = DIMENSION needs dimension = \"...\"");
                        yield null;
                    }
                    yield PartitionMappings.dimension(in.dimension());
                }
                case NAMED -> {
                    if (in.named().isEmpty()) {
                        problem(subject, where + "mapping = NAMED needs named = \"...\", the name of a @Mapping");
                        yield null;
                    }
                    PartitionMapping m = named.mapping(in.named());
                    if (m == null) {
                        problem(subject, where + "unknown @Mapping '" + in.named() + "'"
                                + KeySuggestions.hint(in.named(), named.mappingNames())
                                + declared("@Mapping", named.mappingNames()));
                    }
                    yield m;
                }
            };
        } catch (RuntimeException e) {
            problem(subject, where + "cannot build the " + kind + " partition mapping: " + e.getMessage());
            return null;
        }
    }

    private void stray(boolean set, MappingKind kind, MappingKind needed, String attribute, String where,
            String subject) {
        if (set && kind != needed) {
            problem(subject, where + "@In(" + attribute + ") only applies with mapping = " + needed + ", but mapping is "
                    + kind);
        }
    }

    private RetryPolicy retry(Retry r, String subject) {
        if (r == null) {
            return RetryPolicy.NONE;
        }
        try {
            return new RetryPolicy(r.maxRetries(), Duration.ofMillis(r.delayMillis()), r.backoff(), r.jitter());
        } catch (IllegalArgumentException e) {
            problem(subject, "invalid @Retry: " + e.getMessage());
            return RetryPolicy.NONE;
        }
    }

    private Map<String, String> tags(String[] tags, String subject) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String tag : tags) {
            int eq = tag.indexOf('=');
            String k = (eq < 0 ? tag : tag.substring(0, eq)).strip();
            String v = eq < 0 ? "" : tag.substring(eq + 1).strip();
            if (k.isEmpty()) {
                problem(subject, "tag '" + tag + "' has no key; write tags as \"key=value\" or \"key\"");
            } else if (out.putIfAbsent(k, v) != null) {
                problem(subject, "tag '" + k + "' is given twice");
            }
        }
        return out;
    }

    private AssetKey key(String text, String subject, String what) {
        try {
            return AssetKey.parse(text);
        } catch (IllegalArgumentException e) {
            problem(subject, "invalid " + what + " '" + text + "': " + e.getMessage());
            return null;
        }
    }

    private void problem(String subject, String message) {
        problems.add(subject + ": " + message);
    }

    private static String declared(String annotation, Set<String> names) {
        return names.isEmpty() ? "; no " + annotation + " is declared in the scanned classes"
                : "; declared: " + names;
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }
}
