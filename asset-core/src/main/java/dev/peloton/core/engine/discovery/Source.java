package dev.peloton.core.engine.discovery;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One scanned class, with the instance its instance methods run on (given, or created when first needed). */
final class Source {

    private final Class<?> type;
    private Object instance;
    private String instanceFailure;

    private Source(Class<?> type, Object instance) {
        this.type = type;
        this.instance = instance;
    }

    static Source of(Object classOrInstance) {
        if (classOrInstance == null) {
            throw new IllegalArgumentException("Cannot discover assets in null: pass classes or instances");
        }
        if (classOrInstance instanceof Class<?> c) {
            return new Source(c, null);
        }
        return new Source(classOrInstance.getClass(), classOrInstance);
    }

    Class<?> type() {
        return type;
    }

    /** The instance, created with the no-argument constructor when none was given; null when that fails. */
    Object instance() {
        if (instance == null && instanceFailure == null) {
            try {
                Constructor<?> constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                instance = constructor.newInstance();
            } catch (NoSuchMethodException e) {
                instanceFailure = type.getName() + " has no no-argument constructor";
            } catch (InvocationTargetException e) {
                instanceFailure = "the constructor of " + type.getName() + " threw " + e.getCause();
            } catch (ReflectiveOperationException | RuntimeException e) {
                instanceFailure = "cannot instantiate " + type.getName() + ": " + e;
            }
        }
        return instance;
    }

    /** Why {@link #instance()} returned null. */
    String instanceFailure() {
        return instanceFailure + "; make the method static, add a no-argument constructor, or pass an instance";
    }

    /**
     * The class and its superclasses, most derived first (interfaces and Object excluded): annotations on a
     * superclass method still count when a subclass, such as a proxy, overrides it without them.
     */
    List<Class<?>> hierarchy() {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            out.add(c);
        }
        return out;
    }

    /** Declared methods of one class, bridges and synthetic ones left out, in a stable order. */
    static List<Method> methodsOf(Class<?> c) {
        List<Method> out = new ArrayList<>();
        for (Method m : c.getDeclaredMethods()) {
            if (!m.isBridge() && !m.isSynthetic()) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Method::getName).thenComparing(Source::parameterList));
        return out;
    }

    static List<Field> fieldsOf(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (!f.isSynthetic()) {
                out.add(f);
            }
        }
        out.sort(Comparator.comparing(Field::getName));
        return out;
    }

    static String parameterList(Method m) {
        StringBuilder sb = new StringBuilder();
        for (Class<?> p : m.getParameterTypes()) {
            sb.append(p.getName()).append(',');
        }
        return sb.toString();
    }

    static String origin(Method m) {
        return m.getDeclaringClass().getName() + "#" + m.getName();
    }
}
