package dev.peloton.core.engine.discovery;

import dev.peloton.core.Mapping;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The partitions definitions ({@link Partitions}) and partition mappings ({@link Mapping}) declared by name in
 * any scanned class: one namespace for all of them, so a name is unique across the code location.
 */
final class NamedDeclarations {

    private final Named<PartitionsDefinition> partitions = new Named<>("@Partitions", PartitionsDefinition.class);
    private final Named<PartitionMapping> mappings = new Named<>("@Mapping", PartitionMapping.class);

    static NamedDeclarations collect(List<Source> sources, List<String> problems) {
        NamedDeclarations named = new NamedDeclarations();
        Set<Member> seen = new HashSet<>();
        for (Source source : sources) {
            for (Class<?> c : source.hierarchy()) {
                for (Field f : Source.fieldsOf(c)) {
                    if (seen.add(f)) {
                        named.partitions.readField(source, f, f.getAnnotation(Partitions.class), Partitions::value,
                                problems);
                        named.mappings.readField(source, f, f.getAnnotation(Mapping.class), Mapping::value, problems);
                    }
                }
                for (Method m : Source.methodsOf(c)) {
                    if (seen.add(m)) {
                        named.partitions.readMethod(source, m, m.getAnnotation(Partitions.class), Partitions::value,
                                problems);
                        named.mappings.readMethod(source, m, m.getAnnotation(Mapping.class), Mapping::value,
                                problems);
                    }
                }
            }
        }
        return named;
    }

    /** The partitions definition named {@code name}, or null. */
    PartitionsDefinition partitions(String name) {
        return partitions.values.get(name);
    }

    Set<String> partitionNames() {
        return partitions.values.keySet();
    }

    Map<String, PartitionsDefinition> allPartitions() {
        return partitions.values;
    }

    /** The mapping named {@code name}, or null. */
    PartitionMapping mapping(String name) {
        return mappings.values.get(name);
    }

    Set<String> mappingNames() {
        return mappings.values.keySet();
    }

    /** Values of one kind, by name, with where each was declared. */
    private static final class Named<T> {
        private final String annotation;
        private final Class<T> type;
        private final Map<String, T> values = new LinkedHashMap<>();
        private final Map<String, String> origins = new LinkedHashMap<>();

        Named(String annotation, Class<T> type) {
            this.annotation = annotation;
            this.type = type;
        }

        <A extends Annotation> void readField(Source source, Field f, A a, Function<A, String> name,
                List<String> problems) {
            if (a == null) {
                return;
            }
            String origin = f.getDeclaringClass().getName() + "." + f.getName();
            if (!type.isAssignableFrom(f.getType())) {
                problems.add(origin + ": " + annotation + "(\"" + name.apply(a) + "\") is on a field of type "
                        + f.getType().getName() + "; it must be a " + type.getSimpleName());
                return;
            }
            Object target = target(source, f.getModifiers(), origin, problems);
            if (target == NO_TARGET) {
                return;
            }
            try {
                f.setAccessible(true);
                put(name.apply(a), f.get(target), origin, problems);
            } catch (ReflectiveOperationException | RuntimeException e) {
                problems.add(origin + ": cannot read " + annotation + "(\"" + name.apply(a) + "\"): " + e);
            }
        }

        <A extends Annotation> void readMethod(Source source, Method m, A a, Function<A, String> name,
                List<String> problems) {
            if (a == null) {
                return;
            }
            String origin = Source.origin(m) + "()";
            if (m.getParameterCount() != 0 || !type.isAssignableFrom(m.getReturnType())) {
                problems.add(origin + ": " + annotation + "(\"" + name.apply(a) + "\") must be on a method with no "
                        + "parameters that returns a " + type.getSimpleName() + ", but it takes "
                        + m.getParameterCount() + " parameter(s) and returns " + m.getReturnType().getName());
                return;
            }
            Object target = target(source, m.getModifiers(), origin, problems);
            if (target == NO_TARGET) {
                return;
            }
            try {
                m.setAccessible(true);
                put(name.apply(a), m.invoke(target), origin, problems);
            } catch (InvocationTargetException e) {
                problems.add(origin + ": " + annotation + "(\"" + name.apply(a) + "\") threw " + e.getCause());
            } catch (ReflectiveOperationException | RuntimeException e) {
                problems.add(origin + ": cannot call " + annotation + "(\"" + name.apply(a) + "\"): " + e);
            }
        }

        private static final Object NO_TARGET = new Object();

        private Object target(Source source, int modifiers, String origin, List<String> problems) {
            if (Modifier.isStatic(modifiers)) {
                return null;
            }
            Object instance = source.instance();
            if (instance == null) {
                problems.add(origin + ": " + annotation + " is on an instance member, but " + source.instanceFailure());
                return NO_TARGET;
            }
            return instance;
        }

        private void put(String name, Object value, String origin, List<String> problems) {
            if (name.isBlank()) {
                problems.add(origin + ": " + annotation + " needs a name");
                return;
            }
            if (value == null) {
                problems.add(origin + ": " + annotation + "(\"" + name + "\") is null");
                return;
            }
            String previous = origins.putIfAbsent(name, origin);
            if (previous != null) {
                problems.add(origin + ": " + annotation + "(\"" + name + "\") is declared twice: by " + previous
                        + " and by " + origin);
                return;
            }
            values.put(name, type.cast(value));
        }
    }
}
