package dev.peloton.core.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeVersionsTest {

    @TempDir
    Path tmp;

    private static final String TEMPLATE = """
            package %PKG%;
            import java.util.List;
            public class %CLASS% {
                static final int LIMIT = %LIMIT%;
            %BEFORE%
                public int target(List<String> input) {
                    %BODY%
                }
                public int other() {
                    %OTHER%
                }
                private int helper(List<String> input) {
                    %HELPER%
                }
            }
            """;

    /** Compiles one variant and returns the version of its {@code target} method. */
    private String version(Map<String, String> replacements) throws Exception {
        Map<String, String> values = new java.util.HashMap<>(Map.of("%PKG%", "cv", "%CLASS%", "Assets",
                "%LIMIT%", "5", "%BEFORE%", "", "%BODY%", "return input.size() + 1;", "%OTHER%", "return 1;",
                "%HELPER%", "return input.size();"));
        values.putAll(replacements);
        String source = TEMPLATE;
        for (Map.Entry<String, String> e : values.entrySet()) {
            source = source.replace(e.getKey(), e.getValue());
        }
        String className = values.get("%PKG%") + "." + values.get("%CLASS%");
        ClassLoader loader = TestCompiler.compile(tmp, Map.of(className, source));
        Method target = loader.loadClass(className).getMethod("target", List.class);
        return new CodeVersions().of(target);
    }

    @Test
    void changingTheBodyChangesTheVersion() throws Exception {
        String one = version(Map.of());
        String two = version(Map.of("%BODY%", "return input.size() + 2;"));
        assertThat(one).matches("[0-9a-f]{16}");
        assertThat(two).isNotEqualTo(one);
    }

    @Test
    void recompilingTheSameSourceGivesTheSameVersion() throws Exception {
        assertThat(version(Map.of())).isEqualTo(version(Map.of()));
    }

    @Test
    void changingAnUnrelatedMethodOrAddingCodeAboveKeepsTheVersion() throws Exception {
        String base = version(Map.of("%BODY%", "return input.size() + other();"));
        String changed = version(Map.of("%BODY%", "return input.size() + other();",
                "%OTHER%", "int x = 42; for (int i = 0; i < 3; i++) { x += i * 7; } return x;",
                "%BEFORE%", "\n\n\n    public String extra(String s) { return s + \"!\" + 3.5 + 7L; }\n"
                        + "    static final String NAME = \"unrelated\";\n"));
        assertThat(changed).isEqualTo(base);
    }

    @Test
    void identicalBodiesInDifferentClassesHashEqual() throws Exception {
        Map<String, String> body = Map.of("%BODY%", "return input.size() * LIMIT + other() + helper(input);");
        String a = version(body);
        Map<String, String> elsewhere = new java.util.HashMap<>(body);
        elsewhere.put("%PKG%", "com.elsewhere");
        elsewhere.put("%CLASS%", "Renamed");
        assertThat(version(elsewhere)).isEqualTo(a);
    }

    @Test
    void changingAConstantTheBodyUsesChangesTheVersion() throws Exception {
        Map<String, String> body = Map.of("%BODY%", "return input.size() * LIMIT;");
        String five = version(body);
        Map<String, String> six = new java.util.HashMap<>(body);
        six.put("%LIMIT%", "6");
        assertThat(version(six)).isNotEqualTo(five);
        // A string constant too.
        assertThat(version(Map.of("%BODY%", "return (input + \"a\").length();")))
                .isNotEqualTo(version(Map.of("%BODY%", "return (input + \"b\").length();")));
    }

    @Test
    void changingALambdaBodyChangesTheVersion() throws Exception {
        String a = version(Map.of("%BODY%", "return (int) input.stream().filter(s -> s.startsWith(\"a\")).count();"));
        String b = version(Map.of("%BODY%", "return (int) input.stream().filter(s -> s.startsWith(\"b\")).count();"));
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void aLambdaAddedElsewhereDoesNotChangeTheVersionThoughJavacRenumbersLambdas() throws Exception {
        String body = "return (int) input.stream().filter(s -> s.startsWith(\"a\")).map(s -> s + LIMIT).count();";
        String base = version(Map.of("%BODY%", body));
        // javac numbers lambdas per enclosing method name: a lambda in an earlier overload of target takes
        // lambda$target$0, and the lambdas of target(List) move up to lambda$target$1 and $2.
        String withEarlierLambdas = version(Map.of("%BODY%", body, "%BEFORE%",
                "    public Runnable target(String x) { return () -> System.out.println(x); }\n"
                        + "    public java.util.function.IntUnaryOperator twice() { return i -> i * 2; }\n"));
        assertThat(withEarlierLambdas).isEqualTo(base);
    }

    @Test
    void changingAPrivateHelperTheBodyCallsChangesTheVersion() throws Exception {
        String a = version(Map.of("%BODY%", "return helper(input);"));
        String b = version(Map.of("%BODY%", "return helper(input);", "%HELPER%", "return input.size() - 1;"));
        assertThat(b).isNotEqualTo(a);
        // ...but not when the body does not call it.
        assertThat(version(Map.of("%HELPER%", "return input.size() - 1;"))).isEqualTo(version(Map.of()));
    }

    @Test
    void switchesTryBlocksAndWideConstantsParse() throws Exception {
        String body = """
                long total = 10_000_000_000L;
                    double d = 2.5e300;
                    try {
                        switch (input.size()) {
                            case 0: total += 1; break;
                            case 1: total += 2; break;
                            case 2: total += 3; break;
                            default: total += 4;
                        }
                        switch (input.size() * 1000) {
                            case 0: total += 5; break;
                            case 70000: total += 6; break;
                            default: total -= 1;
                        }
                    } catch (IllegalStateException | ArithmeticException e) {
                        total = -1;
                    } finally {
                        total += (long) d;
                    }
                    return (int) total;""";
        String a = version(Map.of("%BODY%", body));
        assertThat(version(Map.of("%BODY%", body.replace("case 70000", "case 70001")))).isNotEqualTo(a);
        assertThat(version(Map.of("%BODY%", body, "%OTHER%", "return 99;"))).isEqualTo(a);
    }

    @Test
    void everyMethodOfLargeJdkClassesGetsAStableVersion() {
        CodeVersions first = new CodeVersions();
        CodeVersions second = new CodeVersions();
        int hashed = 0;
        for (Class<?> c : List.of(java.util.HashMap.class, String.class, java.util.regex.Pattern.class,
                java.util.concurrent.ConcurrentHashMap.class, java.math.BigDecimal.class, CodeVersionsTest.class)) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isAbstract(m.getModifiers()) || Modifier.isNative(m.getModifiers())) {
                    continue;
                }
                String v = first.of(m);
                assertThat(v).as(m.toString()).matches("[0-9a-f]{16}").isEqualTo(second.of(m));
                hashed++;
            }
        }
        assertThat(hashed).isGreaterThan(500);
    }

    @Test
    void aClassWithoutAClassFileIsAnErrorNamingIt() throws Exception {
        ClassLoader compiled = TestCompiler.compile(tmp, Map.of("cv.Hidden", "package cv; public class Hidden {"
                + " public int target() { return 1; } }"));
        byte[] bytes;
        try (var in = compiled.getResourceAsStream("cv/Hidden.class")) {
            bytes = in.readAllBytes();
        }
        // Defined straight from bytes: its loader has no cv/Hidden.class resource.
        class BytesLoader extends ClassLoader {
            BytesLoader() {
                super(CodeVersionsTest.class.getClassLoader());
            }

            Class<?> define(byte[] b) {
                return defineClass("cv.Hidden", b, 0, b.length);
            }
        }
        Class<?> hidden = new BytesLoader().define(bytes);
        Method target = hidden.getMethod("target");
        assertThatThrownBy(() -> new CodeVersions().of(target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cv.Hidden")
                .hasMessageContaining("explicit codeVersion");
    }

    @Test
    void malformedClassFilesAreRejected() throws Exception {
        assertThatThrownBy(() -> ClassFile.parse(new byte[] {1, 2, 3, 4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Malformed class file");
        ClassLoader compiled = TestCompiler.compile(tmp, Map.of("cv.Small", "package cv; public class Small {"
                + " public int target() { return 1; } }"));
        byte[] bytes;
        try (var in = compiled.getResourceAsStream("cv/Small.class")) {
            bytes = in.readAllBytes();
        }
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> ClassFile.parse(truncated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Malformed class file");
    }
}
