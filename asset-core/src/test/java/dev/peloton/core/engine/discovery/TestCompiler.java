package dev.peloton.core.engine.discovery;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Compiles Java sources at test time into a fresh directory and loads them with a fresh class loader. */
final class TestCompiler {

    private TestCompiler() {
    }

    /**
     * @param sources fully qualified class name to source text
     * @param options extra javac options, such as {@code -parameters}
     */
    static ClassLoader compile(Path parent, Map<String, String> sources, String... options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("These tests need a JDK (javax.tools finds no compiler)");
        }
        try {
            Path out = Files.createTempDirectory(parent, "classes");
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((name, text) -> units.add(new Source(name, text)));
            List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath",
                    System.getProperty("java.class.path"), "--release", "21", "-proc:none"));
            args.addAll(List.of(options));
            StringWriter diagnostics = new StringWriter();
            Boolean ok = javac.getTask(diagnostics, null, null, args, null, units).call();
            if (!ok) {
                throw new IllegalStateException("Test sources do not compile:\n" + diagnostics);
            }
            return new URLClassLoader(new URL[] {out.toUri().toURL()}, TestCompiler.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
