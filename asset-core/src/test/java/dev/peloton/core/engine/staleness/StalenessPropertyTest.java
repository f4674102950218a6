package dev.peloton.core.engine.staleness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.testing.RandomScenario;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bulk resolver against {@link NaiveStaleness} on random graphs with random histories. */
class StalenessPropertyTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void bulkResolverAgreesWithThePerPartitionReference(long seed) {
        RandomScenario s = RandomScenario.generate(seed);
        StalenessReport report = new StalenessResolver(s.current(), s.storage()).resolve();
        NaiveStaleness naive = new NaiveStaleness(s.current(), s.storage());
        SplittableRandom rnd = new SplittableRandom(seed * 31);

        for (AssetDefinition def : s.current().definitions()) {
            AssetKey a = def.key();
            AssetStaleness summary = report.summary(a);
            for (long p = 0; p < def.partitions().size(); p++) {
                String where = "seed " + seed + ", " + a + "[" + p + "]";
                NaiveStaleness.Verdict expected = naive.verdict(a, p);
                Staleness actual = report.staleness(a, p);
                assertThat(actual.status()).as(where).isEqualTo(expected.status());
                assertThat(summary.status(p)).as(where).isEqualTo(expected.status());
                assertThat(tags(actual)).as(where).isEqualTo(expected.causes());
                for (StaleCause c : actual.causes()) {
                    checkCause(naive, expected, c, where);
                }
            }
            PartitionSet some = randomSubset(rnd, def.partitions().size());
            for (CauseGroup g : report.causes(a, some)) {
                String tag = g.kind().isDirect() && g.kind() != StaleCauseKind.UPSTREAM_DATA_CHANGED
                        ? shortKind(g.kind()) : shortKind(g.kind()) + ":" + g.upstream();
                PartitionSet.Builder expected = PartitionSet.builder();
                some.indices().filter(p -> naive.verdict(a, p).causes().contains(tag)).forEach(expected::add);
                assertThat(g.partitions()).as("seed %d, %s group %s over %s", seed, a, tag, some)
                        .isEqualTo(expected.build());
            }
            long expectedGroups = some.indices().boxed().flatMap(p -> naive.verdict(a, p).causes().stream())
                    .distinct().count();
            assertThat(report.causes(a, some)).as("seed %d, %s groups over %s", seed, a, some)
                    .hasSize((int) expectedGroups);
        }
    }

    private static void checkCause(NaiveStaleness naive, NaiveStaleness.Verdict expected, StaleCause c, String where) {
        switch (c) {
            case StaleCause.UpstreamDataChanged d -> {
                String[] versions = expected.dataVersions().get(d.upstream().toString());
                assertThat(new String[] {d.recordedVersion(), d.currentVersion()}).as(where).containsExactly(versions);
            }
            case StaleCause.UpstreamStale st -> {
                assertThat(st.upstreamPartitions().isEmpty()).as(where).isFalse();
                assertThat(expand(st.rootCauses())).as(where + " roots via " + st.upstream())
                        .isEqualTo(new TreeSet<>(naive.roots(st.upstream(), st.upstreamPartitions())));
            }
            case StaleCause.UpstreamMissing m -> {
                assertThat(m.upstreamPartitions().isEmpty()).as(where).isFalse();
                assertThat(m.upstreamPartitions().indices().allMatch(q -> naive.verdict(m.upstream(), q).status()
                        == StalenessStatus.MISSING)).as(where).isTrue();
            }
            default -> {
            }
        }
    }

    private static Set<String> tags(Staleness s) {
        Set<String> out = new TreeSet<>();
        for (StaleCause c : s.causes()) {
            out.add(switch (c) {
                case StaleCause.CodeVersionChanged x -> "CODE";
                case StaleCause.DependenciesChanged x -> "DEPS";
                case StaleCause.UpstreamDataChanged x -> "DATA:" + x.upstream();
                case StaleCause.UpstreamMissing x -> "UPSTREAM_MISSING:" + x.upstream();
                case StaleCause.UpstreamStale x -> "UPSTREAM_STALE:" + x.upstream();
            });
        }
        return out;
    }

    private static String shortKind(StaleCauseKind k) {
        return switch (k) {
            case CODE_VERSION_CHANGED -> "CODE";
            case DEPENDENCIES_CHANGED -> "DEPS";
            case UPSTREAM_DATA_CHANGED -> "DATA";
            default -> k.name();
        };
    }

    private static Set<String> expand(java.util.List<RootCause> roots) {
        Set<String> out = new TreeSet<>();
        for (RootCause r : roots) {
            r.partitions().indices().forEach(q -> out.add(r.asset() + "|" + r.kind() + "|" + q));
        }
        return out;
    }

    private static PartitionSet randomSubset(SplittableRandom rnd, long size) {
        Set<Long> picked = new HashSet<>();
        for (long p = 0; p < size; p++) {
            if (rnd.nextBoolean()) {
                picked.add(p);
            }
        }
        return PartitionSet.of(picked.stream().mapToLong(Long::longValue).toArray());
    }
}
