package dev.peloton.core.engine.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Code versions derived from bytecode: a method's version changes when its body, a constant it uses, or a
 * lambda or private method it calls changes, and stays when anything else in its class changes. Each class
 * file is read and parsed once per instance; keep one instance for a whole discovery.
 */
public final class CodeVersions {

    private final Map<Class<?>, ClassFile> classFiles = new ConcurrentHashMap<>();
    private final Map<Method, String> versions = new ConcurrentHashMap<>();

    /**
     * The bytecode version of {@code method}: 16 hex digits.
     *
     * @throws IllegalArgumentException when the class file cannot be read or parsed, or the method has no code;
     *                                  the message names the class and method
     */
    public String of(Method method) {
        String cached = versions.get(method);
        if (cached != null) {
            return cached;
        }
        Class<?> owner = method.getDeclaringClass();
        ClassFile classFile = classFiles.computeIfAbsent(owner, CodeVersions::load);
        String descriptor = MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                .toMethodDescriptorString();
        ClassFile.MethodInfo info = classFile.method(method.getName(), descriptor);
        if (info == null) {
            throw new IllegalArgumentException("The class file of " + owner.getName() + " has no method "
                    + method.getName() + descriptor);
        }
        String version;
        try {
            version = MethodFingerprint.of(classFile, info);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot derive a code version for " + owner.getName() + "#"
                    + method.getName() + ": " + e.getMessage(), e);
        }
        versions.put(method, version);
        return version;
    }

    private static ClassFile load(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader();
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            InputStream stream = in != null ? in : type.getResourceAsStream("/" + resource);
            if (stream == null) {
                throw new IllegalArgumentException("Cannot read the class file of " + type.getName() + " ("
                        + resource + " is not a resource of its class loader); give the asset an explicit "
                        + "codeVersion");
            }
            try (stream) {
                return ClassFile.parse(stream.readAllBytes());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot parse the class file of " + type.getName() + ": "
                        + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the class file of " + type.getName() + ": " + e, e);
        }
    }
}
