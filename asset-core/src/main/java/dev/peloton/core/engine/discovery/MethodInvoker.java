package dev.peloton.core.engine.discovery;

import dev.peloton.core.AssetContext;
import dev.peloton.core.AssetKey;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

/**
 * Calls an annotated method through a method handle bound to its instance, spread over an argument array, so
 * a call costs about as much as a direct one. Method handles do not wrap what the method throws, so the
 * user's own exception reaches the executor unchanged.
 */
final class MethodInvoker {

    /** What one parameter receives. */
    sealed interface Slot permits ContextSlot, InputSlot {
    }

    /** The step's {@link AssetContext}. */
    record ContextSlot() implements Slot {
    }

    /** The loaded value of {@code upstream}, found in the inputs under {@code name}. */
    record InputSlot(String name, Class<?> type, AssetKey upstream) implements Slot {
    }

    private final MethodHandle handle;
    private final Slot[] slots;
    private final Class<?>[] boxedTypes;
    private final String subject;

    private MethodInvoker(MethodHandle handle, Slot[] slots, String subject) {
        this.handle = handle;
        this.slots = slots;
        this.subject = subject;
        this.boxedTypes = new Class<?>[slots.length];
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] instanceof InputSlot in) {
                boxedTypes[i] = MethodType.methodType(in.type()).wrap().returnType();
            }
        }
    }

    /**
     * @param instance the object to call an instance method on; ignored for a static method
     * @param subject  what the method computes, for error messages: {@code asset 'a/b' (com.acme.Assets#b)}
     * @throws IllegalAccessException when the method cannot be made accessible
     */
    static MethodInvoker create(Method method, Object instance, List<Slot> slots, String subject)
            throws IllegalAccessException {
        method.setAccessible(true);
        MethodHandle h = MethodHandles.lookup().unreflect(method);
        if (!Modifier.isStatic(method.getModifiers())) {
            h = h.bindTo(instance);
        }
        h = h.asSpreader(Object[].class, slots.size()).asType(MethodType.methodType(Object.class, Object[].class));
        return new MethodInvoker(h, slots.toArray(Slot[]::new), subject);
    }

    /** Calls the method; a {@code void} method gives {@code null}. */
    Object invoke(Map<String, Object> inputs, AssetContext context) throws Exception {
        Object[] args = new Object[slots.length];
        for (int i = 0; i < slots.length; i++) {
            switch (slots[i]) {
                case ContextSlot c -> args[i] = context;
                case InputSlot in -> args[i] = argument(in, boxedTypes[i], inputs);
            }
        }
        try {
            return (Object) handle.invokeExact(args);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new Exception(subject + " threw " + t, t);
        }
    }

    private Object argument(InputSlot in, Class<?> boxed, Map<String, Object> inputs) {
        Object value = inputs.get(in.name());
        if (value == null) {
            if (!inputs.containsKey(in.name())) {
                throw new IllegalArgumentException(subject + ": no value was given for parameter '" + in.name()
                        + "' (the value of asset '" + in.upstream() + "'); inputs given: " + inputs.keySet());
            }
            if (in.type().isPrimitive()) {
                throw new IllegalArgumentException(subject + ": parameter '" + in.name() + "' of type "
                        + in.type().getName() + " cannot take null, but asset '" + in.upstream() + "' loaded null");
            }
            return null;
        }
        if (!boxed.isInstance(value)) {
            throw new IllegalArgumentException(subject + ": parameter '" + in.name() + "' expects a "
                    + in.type().getName() + ", but asset '" + in.upstream() + "' loaded a " + value.getClass().getName());
        }
        return value;
    }
}
