package dev.peloton.core.engine.io;

import dev.peloton.core.AssetKey;
import dev.peloton.core.IOManager;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetDependency;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.CheckDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The IO managers by name. {@value #DEFAULT} is always present: an {@link InMemoryIOManager} unless another is
 * registered under that name. Immutable.
 */
public final class IOManagerRegistry {

    /** The name of the IO manager an asset uses when it names none. */
    public static final String DEFAULT = "default";

    private final Map<String, IOManager> managers;

    private IOManagerRegistry(Map<String, IOManager> managers) {
        Map<String, IOManager> copy = new LinkedHashMap<>();
        managers.forEach((name, manager) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("An IO manager needs a name, got '" + name + "'");
            }
            copy.put(name, Objects.requireNonNull(manager, () -> "IO manager '" + name + "' is null"));
        });
        copy.putIfAbsent(DEFAULT, new InMemoryIOManager());
        this.managers = Collections.unmodifiableMap(copy);
    }

    /** A registry with only a fresh in-memory default. */
    public static IOManagerRegistry inMemory() {
        return new IOManagerRegistry(Map.of());
    }

    /** The given IO managers, plus an in-memory default when none is named {@value #DEFAULT}. */
    public static IOManagerRegistry of(Map<String, ? extends IOManager> managers) {
        return new IOManagerRegistry(new LinkedHashMap<>(managers));
    }

    /** A registry with {@code manager} added under {@code name} (replacing one of that name). */
    public IOManagerRegistry with(String name, IOManager manager) {
        Map<String, IOManager> copy = new LinkedHashMap<>(managers);
        copy.put(name, manager);
        return new IOManagerRegistry(copy);
    }

    /**
     * The IO manager named {@code name}.
     *
     * @throws IllegalArgumentException naming the missing name and the registered ones
     */
    public IOManager get(String name) {
        IOManager manager = managers.get(name);
        if (manager == null) {
            throw new IllegalArgumentException("No IO manager named '" + name + "' (registered: " + names() + ")");
        }
        return manager;
    }

    public Optional<IOManager> find(String name) {
        return Optional.ofNullable(managers.get(name));
    }

    /** The IO manager of the default name. */
    public IOManager defaultManager() {
        return managers.get(DEFAULT);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(managers.keySet()));
    }

    /**
     * What prevents this registry from serving {@code graph}: assets naming an IO manager that is not registered,
     * and parameters of a type their upstream's IO manager cannot load. Empty when there is nothing wrong.
     */
    public List<String> problems(AssetGraph graph) {
        List<String> problems = new ArrayList<>();
        for (AssetDefinition d : graph.definitions()) {
            if (!managers.containsKey(d.ioManager())) {
                problems.add("Asset '" + d.key() + "' (" + d.origin() + ") uses IO manager '" + d.ioManager()
                        + "', which is not registered (registered: " + names() + ")");
            }
        }
        for (AssetDefinition d : graph.definitions()) {
            for (AssetDependency dep : d.dependencies()) {
                checkLoadable(graph, dep, "Asset '" + d.key() + "' (" + d.origin() + ")", problems);
            }
        }
        for (CheckDefinition c : graph.checks()) {
            for (AssetDependency dep : c.dependencies()) {
                checkLoadable(graph, dep, "Check '" + c.id() + "' (" + c.origin() + ")", problems);
            }
        }
        return problems;
    }

    private void checkLoadable(AssetGraph graph, AssetDependency dep, String reader, List<String> problems) {
        if (!dep.passesValue() || dep.parameterType() == null) {
            return;
        }
        AssetKey upstream = dep.upstream();
        Optional<AssetDefinition> up = graph.find(upstream);
        if (up.isEmpty()) {
            return; // the graph reports unknown assets itself
        }
        IOManager manager = managers.get(up.get().ioManager());
        if (manager != null && !manager.canLoad(dep.parameterType())) {
            problems.add(reader + " reads asset '" + upstream + "' as " + dep.parameterType().getName()
                    + " in parameter '" + dep.parameterName() + "', but IO manager '" + up.get().ioManager()
                    + "' cannot load that type");
        }
    }
}
