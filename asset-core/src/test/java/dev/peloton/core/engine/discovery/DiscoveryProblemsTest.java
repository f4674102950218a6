package dev.peloton.core.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetCheck;
import dev.peloton.core.CheckResult;
import dev.peloton.core.In;
import dev.peloton.core.Mapping;
import dev.peloton.core.MappingKind;
import dev.peloton.core.MultiAsset;
import dev.peloton.core.Out;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.Retry;
import dev.peloton.core.engine.graph.InvalidAssetGraphException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem of every scanned class is reported at once, each naming the method and the asset. */
class DiscoveryProblemsTest {

    @TempDir
    Path tmp;

    static class Broken {
        @Partitions("days")
        static final PartitionsDefinition DAYS = PartitionsDefinition.staticKeys("mon", "tue");

        @Partitions("dup")
        static final PartitionsDefinition DUP_ONE = PartitionsDefinition.staticKeys("a");

        @Partitions("dup")
        static PartitionsDefinition dupTwo() {
            return PartitionsDefinition.staticKeys("b");
        }

        @Mapping("same")
        static final PartitionMapping SAME = PartitionMappings.identity();

        @Asset(key = "bad key!")
        static int badKey() {
            return 1;
        }

        @Asset(partitions = "dayz")
        static int unknownPartitions() {
            return 1;
        }

        @Asset
        static int unknownMapping(@In(value = "badKey", mapping = MappingKind.NAMED, named = "sam") int x) {
            return x;
        }

        @MultiAsset(outs = {@Out("a"), @Out("b")}, keyPrefix = "multi")
        static String notAMap() {
            return "";
        }

        @AssetCheck(asset = "unknownPartitions")
        static String notACheckResult(int unknownPartitions) {
            return "";
        }

        @Asset(tags = {"=x", "ok=1", "ok=2"})
        @Retry(maxRetries = -1)
        static int badTagsAndRetry() {
            return 1;
        }

        @Asset
        static int strayOffset(@In(value = "badKey", offset = -1) int x) {
            return x;
        }

        @Asset(deps = {"not a key"})
        static int badDeps() {
            return 1;
        }

        @Asset
        @AssetCheck(asset = "x")
        static int both() {
            return 1;
        }

        @AssetCheck(asset = "badDeps", name = "a/b")
        static CheckResult slashInName(int badDeps) {
            return CheckResult.pass();
        }
    }

    private static List<String> problems(Runnable discovery) {
        try {
            discovery.run();
        } catch (InvalidAssetGraphException e) {
            return e.problems();
        }
        throw new AssertionError("discovery found no problem");
    }

    private static String at(String method) {
        return Broken.class.getName() + "#" + method;
    }

    @Test
    void reportsEveryProblemAtOnceNamingMethodAndAsset() {
        List<String> problems = problems(() -> AssetDiscovery.scan(Broken.class));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(at("badKey") + " (asset 'bad key!')")
                .contains("invalid key 'bad key!'"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(at("unknownPartitions") + " (asset 'unknownPartitions')")
                .contains("unknown @Partitions 'dayz'")
                .contains("did you mean 'days'"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(at("unknownMapping") + " (asset 'unknownMapping')")
                .contains("unknown @Mapping 'sam'")
                .contains("did you mean 'same'"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(at("notAMap") + " (multi-asset [multi/a, multi/b])")
                .contains("returns java.lang.String; a multi-asset must return a Map"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(at("notACheckResult") + " (check 'unknownPartitions:notACheckResult')")
                .contains("a check must return a CheckResult"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .contains("@Partitions(\"dup\") is declared twice")
                .contains(Broken.class.getName() + ".DUP_ONE")
                .contains(at("dupTwo")));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(at("badTagsAndRetry") + " (asset 'badTagsAndRetry')")
                .contains("tag '=x' has no key"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(at("badTagsAndRetry")).contains("tag 'ok' is given twice"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(at("badTagsAndRetry")).contains("invalid @Retry: maxRetries must be >= 0"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(at("strayOffset") + " (asset 'strayOffset')")
                .contains("@In(offset = -1) only applies with mapping = OFFSET, but mapping is DEFAULT"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(at("badDeps")).contains("invalid deps entry 'not a key'"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(at("both")).contains("more than one of @Asset, @MultiAsset and @AssetCheck"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(at("slashInName") + " (check 'badDeps:a/b')")
                .contains("check name 'a/b' must be letters, digits, '_', '-' and '.'"));
        assertThat(problems).hasSize(13);
    }

    @Test
    void partitionsNamesAreSharedAcrossClassesAndDuplicatesAcrossClassesAreReported() {
        class Other {
            @Partitions("days")
            static final PartitionsDefinition ALSO_DAYS = PartitionsDefinition.staticKeys("wed");
        }
        // Scanning Broken's definitions alone would succeed for these names; together, "days" clashes.
        List<String> problems = problems(() -> AssetDiscovery.scan(Broken.class, Other.class));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .contains("@Partitions(\"days\") is declared twice")
                .contains(Broken.class.getName() + ".DAYS")
                .contains(Other.class.getName() + ".ALSO_DAYS"));
    }

    static class Declarations {
        @Partitions("weeks")
        static final PartitionsDefinition WEEKS = PartitionsDefinition.staticKeys("w1", "w2");

        @Mapping("toWeek")
        static PartitionMapping toWeek() {
            return PartitionMappings.identity();
        }
    }

    static class UsesOtherClass {
        @Asset(partitions = "weeks")
        static int weekly() {
            return 1;
        }

        @Asset(partitions = "weeks")
        static int reader(@In(value = "weekly", mapping = MappingKind.NAMED, named = "toWeek") int weekly) {
            return weekly;
        }
    }

    @Test
    void namesDeclaredInOneClassServeAnother() {
        Definitions d = AssetDiscovery.scan(UsesOtherClass.class, Declarations.class);
        assertThat(d.assets()).allSatisfy(a -> assertThat(a.partitions()).isEqualTo(Declarations.WEEKS));
        assertThat(d.assets().get(0).dependencies().get(0).mapping()).isSameAs(PartitionMappings.identity());
        assertThat(problems(() -> AssetDiscovery.scan(UsesOtherClass.class))).containsExactly(
                UsesOtherClass.class.getName() + "#reader (asset 'reader'): unknown @Partitions 'weeks'; no "
                        + "@Partitions is declared in the scanned classes",
                UsesOtherClass.class.getName() + "#reader (asset 'reader'): parameter 'weekly': unknown @Mapping "
                        + "'toWeek'; no @Mapping is declared in the scanned classes",
                UsesOtherClass.class.getName() + "#weekly (asset 'weekly'): unknown @Partitions 'weeks'; no "
                        + "@Partitions is declared in the scanned classes");
    }

    static class BadDeclarations {
        @Partitions("wrongType")
        static final String NOT_PARTITIONS = "x";

        @Partitions("nothing")
        static final PartitionsDefinition NULL_PARTITIONS = null;

        @Mapping("takesArgs")
        static PartitionMapping takesArgs(int x) {
            return PartitionMappings.all();
        }

        @Mapping("throws")
        static PartitionMapping throwing() {
            throw new IllegalStateException("no mapping today");
        }
    }

    @Test
    void badDeclarationsAreReported() {
        List<String> problems = problems(() -> AssetDiscovery.scan(BadDeclarations.class));
        String c = BadDeclarations.class.getName();
        assertThat(problems).containsExactlyInAnyOrder(
                c + ".NOT_PARTITIONS: @Partitions(\"wrongType\") is on a field of type java.lang.String; it must be a "
                        + "PartitionsDefinition",
                c + ".NULL_PARTITIONS: @Partitions(\"nothing\") is null",
                c + "#takesArgs(): @Mapping(\"takesArgs\") must be on a method with no parameters that returns a "
                        + "PartitionMapping, but it takes 1 parameter(s) and returns dev.peloton.core.PartitionMapping",
                c + "#throwing(): @Mapping(\"throws\") threw java.lang.IllegalStateException: no mapping today");
    }

    static class MappingFactories {
        @Asset
        static int up() {
            return 1;
        }

        @Asset
        static int dimensionWithoutName(@In(value = "up", mapping = MappingKind.DIMENSION) int up) {
            return up;
        }

        @Asset
        static int namedWithoutName(@In(value = "up", mapping = MappingKind.NAMED) int up) {
            return up;
        }
    }

    @Test
    void mappingsMissingTheirArgumentAreReported() {
        List<String> problems = problems(() -> AssetDiscovery.scan(MappingFactories.class));
        assertThat(problems).containsExactlyInAnyOrder(
                MappingFactories.class.getName() + "#dimensionWithoutName (asset 'dimensionWithoutName'): parameter "
                        + "'up': mapping = DIMENSION needs dimension = \"...\"",
                MappingFactories.class.getName() + "#namedWithoutName (asset 'namedWithoutName'): parameter 'up': "
                        + "mapping = NAMED needs named = \"...\", the name of a @Mapping");
    }

    @Test
    void aParameterWithoutNameInformationIsReported() throws Exception {
        String source = """
                package np;
                import dev.peloton.core.Asset;
                import dev.peloton.core.In;
                public class NoNames {
                    @Asset public static int up() { return 1; }
                    @Asset public static int down(int up) { return up; }
                    @Asset public static int named(@In("up") int whatever) { return whatever; }
                }
                """;
        // Compiled without -parameters: parameter names are arg0, arg1, ...
        ClassLoader loader = TestCompiler.compile(tmp, Map.of("np.NoNames", source));
        Class<?> noNames = loader.loadClass("np.NoNames");
        List<String> problems = problems(() -> AssetDiscovery.scan(noNames));
        assertThat(problems).containsExactly("np.NoNames#down (asset 'down'): parameter 0 (int) has no name: compile "
                + "with -parameters, or name its upstream asset with @In(\"...\")");

        ClassLoader withNames = TestCompiler.compile(tmp, Map.of("np.NoNames", source), "-parameters");
        Definitions d = AssetDiscovery.scan(withNames.loadClass("np.NoNames"));
        assertThat(d.toGraph().size()).isEqualTo(3);
    }

    @Test
    void nullSourcesAreRejected() {
        assertThatThrownBy(() -> AssetDiscovery.scan((Object) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }
}
