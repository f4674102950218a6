package dev.peloton.core.engine.discovery;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetCheck;
import dev.peloton.core.AssetKey;
import dev.peloton.core.MultiAsset;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.CheckDefinition;
import dev.peloton.core.engine.graph.InvalidAssetGraphException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns annotated classes into asset and check definitions.
 *
 * <p>Give it classes (instance methods run on an instance made with the no-argument constructor; static
 * methods need none) or ready-made instances (a Spring bean, an object with its own configuration). Scan all
 * the classes of a code location in one call: {@code @Partitions} and {@code @Mapping} names, and the upstream
 * assets that parameter names refer to, are looked up across every class of the call.
 *
 * <p>Every problem found, in any class, is reported at once in one {@link InvalidAssetGraphException}.
 * Problems of the graph as a whole (unknown upstream keys, cycles, mappings) are found by
 * {@link Definitions#toGraph()}.
 */
public final class AssetDiscovery {

    private final CodeVersions codeVersions;

    public AssetDiscovery() {
        this(new CodeVersions());
    }

    /** Shares {@code codeVersions} (and its per-class cache) with other discoveries. */
    public AssetDiscovery(CodeVersions codeVersions) {
        this.codeVersions = codeVersions;
    }

    /** Discovers the definitions of classes and instances, mixed. */
    public static Definitions scan(Object... classesOrInstances) {
        return new AssetDiscovery().discover(Arrays.asList(classesOrInstances));
    }

    public Definitions fromClasses(Class<?>... classes) {
        return discover(Arrays.asList((Object[]) classes));
    }

    public Definitions fromInstances(Object... instances) {
        for (Object o : instances) {
            if (o instanceof Class<?> c) {
                throw new IllegalArgumentException("fromInstances was given the class " + c.getName()
                        + "; use fromClasses for classes");
            }
        }
        return discover(Arrays.asList(instances));
    }

    /**
     * Discovers the definitions declared by {@code classesOrInstances}: each element is a {@link Class} or an
     * instance whose class is scanned.
     *
     * @throws InvalidAssetGraphException listing every problem found, each naming the method and the asset
     */
    public Definitions discover(Collection<?> classesOrInstances) {
        List<String> problems = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (Object o : classesOrInstances) {
            sources.add(Source.of(o));
        }
        NamedDeclarations named = NamedDeclarations.collect(sources, problems);
        MethodReader reader = new MethodReader(named, codeVersions, problems);

        List<PendingMethod> pending = new ArrayList<>();
        for (Source source : sources) {
            Set<String> signatures = new HashSet<>();
            for (Class<?> c : source.hierarchy()) {
                for (Method m : Source.methodsOf(c)) {
                    // The most derived annotated declaration of a signature wins; an override without
                    // annotations (a proxy's) leaves the superclass's in force and is what the call reaches.
                    if (declares(m) && signatures.add(m.getName() + Source.parameterList(m))) {
                        PendingMethod p = reader.read(source, m);
                        if (p != null) {
                            pending.add(p);
                        }
                    }
                }
            }
        }

        Set<AssetKey> declared = new LinkedHashSet<>();
        for (PendingMethod p : pending) {
            declared.addAll(p.declaredKeys());
        }
        KeyResolver resolver = new KeyResolver(declared);
        List<AssetDefinition> assets = new ArrayList<>();
        List<CheckDefinition> checks = new ArrayList<>();
        for (PendingMethod p : pending) {
            p.finish(resolver, assets, checks, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidAssetGraphException(problems);
        }
        return new Definitions(assets, checks, named.allPartitions());
    }

    private static boolean declares(Method m) {
        return m.isAnnotationPresent(Asset.class) || m.isAnnotationPresent(MultiAsset.class)
                || m.isAnnotationPresent(AssetCheck.class);
    }
}
