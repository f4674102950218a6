package dev.peloton.core.engine.staleness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.InvalidPartitionKeyException;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.UnknownAssetException;
import dev.peloton.core.engine.state.DataVersions;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.core.engine.testing.Materializer;
import dev.peloton.core.engine.testing.TestMappings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StalenessResolverTest {

    private final InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
    private final Materializer m = new Materializer(storage);

    private static final AssetKey A = AssetKey.of("a");
    private static final AssetKey B = AssetKey.of("b");
    private static final AssetKey C = AssetKey.of("c");

    /** a -> b -> c, unpartitioned, with b's code version given. */
    private static AssetGraph chain(String codeOfB) {
        return AssetGraph.of(List.of(
                AssetDefinition.builder("a").build(),
                AssetDefinition.builder("b").input("a").codeVersion(codeOfB).build(),
                AssetDefinition.builder("c").input("b").build()));
    }

    private StalenessReport resolve(AssetGraph graph) {
        return new StalenessResolver(graph, storage).resolve();
    }

    @Test
    void everythingMaterializedFromCurrentCodeAndDataIsFresh() {
        AssetGraph graph = chain("1");
        m.materializeAll(graph);

        StalenessReport report = resolve(graph);

        assertThat(report.summaries()).extracting(AssetStaleness::worst).containsOnly(StalenessStatus.FRESH);
        assertThat(report.staleness(C, "")).isEqualTo(Staleness.FRESH);
        assertThat(report.causes(C, PartitionSet.all(1))).isEmpty();
    }

    @Test
    void nothingMaterializedIsMissingWithoutCauses() {
        StalenessReport report = resolve(chain("1"));

        assertThat(report.summaries()).extracting(AssetStaleness::worst).containsOnly(StalenessStatus.MISSING);
        assertThat(report.staleness(B, "")).isEqualTo(Staleness.MISSING);
        assertThat(report.summary(B).missing()).isEqualTo(PartitionSet.all(1));
    }

    @Test
    void aCodeVersionChangeNamesBothVersionsAndMakesDownstreamStaleWithItAsRoot() {
        m.materializeAll(chain("1"));

        StalenessReport report = resolve(chain("2"));

        assertThat(report.staleness(A, "")).isEqualTo(Staleness.FRESH);
        assertThat(report.staleness(B, "").causes())
                .containsExactly(new StaleCause.CodeVersionChanged("1", "2"));
        Staleness c = report.staleness(C, "");
        assertThat(c.status()).isEqualTo(StalenessStatus.STALE);
        assertThat(c.causes()).singleElement().isInstanceOfSatisfying(StaleCause.UpstreamStale.class, s -> {
            assertThat(s.upstream()).isEqualTo(B);
            assertThat(s.rootAsset()).isEqualTo(B);
            assertThat(s.rootKind()).isEqualTo(RootCauseKind.CODE_VERSION_CHANGED);
            assertThat(s.describe()).contains("upstream b is stale because b has a new code version");
        });
    }

    @Test
    void newUpstreamDataNamesTheUpstreamAndBothVersions() {
        AssetGraph graph = chain("1");
        m.materialize(graph, "a", "", "v1");
        m.materialize(graph, "b", "");
        m.materialize(graph, "c", "");
        m.materialize(graph, "a", "", "v2");

        StalenessReport report = resolve(graph);

        assertThat(report.staleness(A, "")).isEqualTo(Staleness.FRESH);
        assertThat(report.staleness(B, "").causes()).containsExactly(
                new StaleCause.UpstreamDataChanged(A, PartitionSet.of(0), "", "v1", "v2"));
        assertThat(report.staleness(C, "").causes()).singleElement()
                .isInstanceOfSatisfying(StaleCause.UpstreamStale.class, s -> {
                    assertThat(s.upstream()).isEqualTo(B);
                    assertThat(s.rootCauses()).extracting(RootCause::asset, RootCause::kind)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(B,
                                    RootCauseKind.UPSTREAM_DATA_CHANGED));
                });
    }

    @Test
    void rematerializingWithTheSameDataVersionLeavesDownstreamFresh() {
        AssetGraph graph = chain("1");
        m.materialize(graph, "a", "", "v1");
        m.materialize(graph, "b", "");
        m.materialize(graph, "c", "");
        m.materialize(graph, "a", "", "v1");
        // b recomputed from unchanged inputs derives the same data version, so c stays fresh too.
        m.materialize(graph, "b", "");

        StalenessReport report = resolve(graph);

        assertThat(report.summaries()).extracting(AssetStaleness::worst).containsOnly(StalenessStatus.FRESH);
    }

    @Test
    void anAddedOrRemovedDependencyIsNamed() {
        AssetGraph before = AssetGraph.of(List.of(
                AssetDefinition.builder("a").build(),
                AssetDefinition.builder("x").build(),
                AssetDefinition.builder("b").input("a").build()));
        m.materializeAll(before);
        AssetGraph after = AssetGraph.of(List.of(
                AssetDefinition.builder("a").build(),
                AssetDefinition.builder("x").build(),
                AssetDefinition.builder("b").deps("x").build()));

        Staleness b = resolve(after).staleness(B, "");

        assertThat(b.causes()).containsExactly(
                new StaleCause.DependenciesChanged(Set.of(AssetKey.of("x")), Set.of(A)));
        assertThat(b.causes().get(0).describe()).isEqualTo("dependencies changed: added x, removed a");
    }

    @Test
    void aMissingUpstreamMakesItsReadersStaleWithTheUpstreamAsRoot() {
        PartitionsDefinition days = PartitionsDefinition.staticKeys("d0", "d1", "d2");
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(days).build(),
                AssetDefinition.builder("b").partitions(days).input("a").build(),
                AssetDefinition.builder("c").partitions(days).input("b").build()));
        m.materialize(graph, "a", "d0");
        // b and c materialized while a[d1] is missing: they recorded "missing" as their input.
        IntStream.range(0, 3).forEach(i -> m.materialize(graph, "b", "d" + i));
        IntStream.range(0, 3).forEach(i -> m.materialize(graph, "c", "d" + i));

        StalenessReport report = resolve(graph);

        assertThat(report.summary(A).missing()).isEqualTo(PartitionSet.range(1, 3));
        assertThat(report.summary(B).stale()).isEqualTo(PartitionSet.range(1, 3));
        assertThat(report.summary(B).fresh()).isEqualTo(PartitionSet.of(0));
        assertThat(report.staleness(B, "d1").causes()).singleElement()
                .isInstanceOfSatisfying(StaleCause.UpstreamMissing.class, c -> {
                    assertThat(c.upstream()).isEqualTo(A);
                    assertThat(c.upstreamKeys()).isEqualTo("d1");
                    assertThat(c.rootAsset()).isEqualTo(A);
                    assertThat(c.rootKind()).isEqualTo(RootCauseKind.MISSING);
                });
        assertThat(report.staleness(C, "d2").causes()).singleElement()
                .isInstanceOfSatisfying(StaleCause.UpstreamStale.class, c -> {
                    assertThat(c.upstream()).isEqualTo(B);
                    assertThat(c.rootCauses()).containsExactly(
                            new RootCause(A, PartitionSet.of(2), "d2", RootCauseKind.MISSING));
                });
    }

    @Test
    void rootCausesAreFollowedThroughSeveralLevelsAndBothSidesOfADiamond() {
        AssetGraph v1 = AssetGraph.of(List.of(
                AssetDefinition.builder("a").build(),
                AssetDefinition.builder("l").input("a").build(),
                AssetDefinition.builder("r").input("a").build(),
                AssetDefinition.builder("j").input("l").input("r").build(),
                AssetDefinition.builder("z").input("j").build()));
        m.materializeAll(v1);
        AssetGraph v2 = AssetGraph.of(List.of(
                AssetDefinition.builder("a").codeVersion("2").build(),
                AssetDefinition.builder("l").input("a").build(),
                AssetDefinition.builder("r").input("a").codeVersion("9").build(),
                AssetDefinition.builder("j").input("l").input("r").build(),
                AssetDefinition.builder("z").input("j").build()));

        StalenessReport report = resolve(v2);

        StaleCause.UpstreamStale viaJ = (StaleCause.UpstreamStale) report.staleness(AssetKey.of("z"), "")
                .causes().get(0);
        assertThat(viaJ.upstream()).isEqualTo(AssetKey.of("j"));
        assertThat(viaJ.rootCauses()).extracting(RootCause::asset, RootCause::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(AssetKey.of("r"), RootCauseKind.CODE_VERSION_CHANGED),
                org.assertj.core.groups.Tuple.tuple(A, RootCauseKind.CODE_VERSION_CHANGED));
        assertThat(report.staleness(AssetKey.of("j"), "").causes()).extracting(StaleCause::kind)
                .containsExactly(StaleCauseKind.UPSTREAM_STALE, StaleCauseKind.UPSTREAM_STALE);
    }

    @Test
    void windowsOfHundredsOfUpstreamPartitionsAreComputedNotCutOff() {
        int n = 400;
        PartitionsDefinition days = PartitionsDefinition.staticKeys(
                IntStream.range(0, n).mapToObj(i -> String.format("k%03d", i)).toList());
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(days).build(),
                AssetDefinition.builder("cumulative").partitions(days).input("a", TestMappings.windowUpTo(0)).build(),
                AssetDefinition.builder("rolling").partitions(days).input("a", TestMappings.windowUpTo(150)).build(),
                AssetDefinition.builder("total").input("a", PartitionMappings.all()).build()));
        m.materializeAll(graph);
        m.materialize(graph, "a", "k200", "new");

        StalenessReport report = resolve(graph);

        assertThat(report.summary(AssetKey.of("cumulative")).stale()).isEqualTo(PartitionSet.range(200, n));
        assertThat(report.summary(AssetKey.of("cumulative")).fresh()).isEqualTo(PartitionSet.range(0, 200));
        assertThat(report.summary(AssetKey.of("rolling")).stale()).isEqualTo(PartitionSet.range(200, 350));
        assertThat(report.summary(AssetKey.of("total")).stale()).isEqualTo(PartitionSet.of(0));

        StaleCause.UpstreamDataChanged cause = (StaleCause.UpstreamDataChanged) report
                .staleness(AssetKey.of("cumulative"), "k300").causes().get(0);
        assertThat(cause.upstreamPartitions()).isEqualTo(PartitionSet.range(0, 301));
        assertThat(cause.upstreamKeys()).isEqualTo("k000..k300");
        assertThat(cause.currentVersion()).isEqualTo(DataVersions.inputDataVersion(PartitionSet.range(0, 301),
                i -> storage.latest(A, days.keyAt(i)).orElseThrow().dataVersion()));
        assertThat(cause.recordedVersion()).isNotEqualTo(cause.currentVersion()).startsWith("sum:301:");
    }

    @Test
    void aMissingPartitionInsideAWindowMakesEveryWindowOverItStale() {
        int n = 300;
        PartitionsDefinition days = PartitionsDefinition.staticKeys(
                IntStream.range(0, n).mapToObj(i -> "k" + i).toList());
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(days).build(),
                AssetDefinition.builder("w").partitions(days).input("a", TestMappings.windowUpTo(120)).build()));
        m.materialize(graph, "a", PartitionSet.all(n).minus(PartitionSet.of(10)));
        m.materialize(graph, "w", PartitionSet.all(n));

        StalenessReport report = resolve(graph);

        assertThat(report.summary(AssetKey.of("w")).stale()).isEqualTo(PartitionSet.range(10, 130));
        List<CauseGroup> groups = report.causes(AssetKey.of("w"), PartitionSet.all(n));
        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(StaleCauseKind.UPSTREAM_MISSING);
            assertThat(g.upstream()).isEqualTo(A);
            assertThat(g.partitions()).isEqualTo(PartitionSet.range(10, 130));
            assertThat(g.rootCauses()).containsExactly(new RootCause(A, PartitionSet.of(10), "k10",
                    RootCauseKind.MISSING));
        });
    }

    @Test
    void causesOfASetAreGroupedByKindAndUpstream() {
        PartitionsDefinition days = PartitionsDefinition.staticKeys("d0", "d1", "d2", "d3", "d4");
        AssetGraph v1 = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(days).build(),
                AssetDefinition.builder("b").partitions(days).input("a").build()));
        m.materializeAll(v1);
        m.materialize(v1, "a", "d1", "changed");
        m.materialize(v1, "a", "d2", "changed");
        AssetGraph v2 = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(days).build(),
                AssetDefinition.builder("b").partitions(days).input("a").codeVersion("2").build()));
        m.materialize(v2, "b", "d0");

        List<CauseGroup> groups = resolve(v2).causes(B, PartitionSet.range(0, 4));

        assertThat(groups).extracting(CauseGroup::kind, CauseGroup::upstream, CauseGroup::partitions, CauseGroup::keys)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(StaleCauseKind.CODE_VERSION_CHANGED, null,
                                PartitionSet.range(1, 4), "d1..d3"),
                        org.assertj.core.groups.Tuple.tuple(StaleCauseKind.UPSTREAM_DATA_CHANGED, A,
                                PartitionSet.range(1, 3), "d1..d2"));
    }

    @Test
    void resolvingSomeAssetsResolvesTheirUpstreamButReportsOnlyThem() {
        AssetGraph graph = chain("1");
        m.materializeAll(graph);

        StalenessReport report = new StalenessResolver(graph, storage).resolve(List.of(B));

        assertThat(report.summaries()).extracting(AssetStaleness::asset).containsExactly(B);
        assertThat(report.summary(A).worst()).isEqualTo(StalenessStatus.FRESH);
        assertThatThrownBy(() -> report.summary(C))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'c' was not part of this staleness resolution");
    }

    @Test
    void badQuestionsGetClearErrors() {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("a")
                .partitions(PartitionsDefinition.staticKeys("x", "y")).build()));
        StalenessResolver resolver = new StalenessResolver(graph, storage);
        StalenessReport report = resolver.resolve();

        assertThatThrownBy(() -> resolver.resolve(List.of(AssetKey.of("nope"))))
                .isInstanceOf(UnknownAssetException.class).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> report.staleness(A, "z"))
                .isInstanceOf(InvalidPartitionKeyException.class)
                .hasMessageContaining("'z'").hasMessageContaining("asset a").hasMessageContaining("[x, y]");
        assertThatThrownBy(() -> report.staleness(A, 2))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("0..1, got 2");
        assertThatThrownBy(() -> report.summary(AssetKey.of("other")))
                .isInstanceOf(UnknownAssetException.class);
    }

    @Test
    void recordsOfPartitionsTheDefinitionNoLongerHasAreIgnored() {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("a")
                .partitions(PartitionsDefinition.staticKeys("x", "y")).build()));
        storage.recordMaterialization(new MaterializationRecord(A, "gone", "v", "1", Map.of(), "r", Instant.EPOCH));
        m.materialize(graph, "a", "x");

        AssetStaleness a = resolve(graph).summary(A);

        assertThat(a.fresh()).isEqualTo(PartitionSet.of(0));
        assertThat(a.missing()).isEqualTo(PartitionSet.of(1));
    }

    @Test
    void anAssetReadingOneUpstreamTwiceComparesTheUnionOfBothReads() {
        PartitionsDefinition days = PartitionsDefinition.staticKeys("d0", "d1", "d2", "d3");
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(days).build(),
                AssetDefinition.builder("b").partitions(days).input("a")
                        .dependency(dev.peloton.core.engine.graph.AssetDependency
                                .input(A, "yesterday", Object.class).withMapping(TestMappings.previous()))
                        .build()));
        m.materializeAll(graph);
        m.materialize(graph, "a", "d1", "new");

        StalenessReport report = resolve(graph);

        // b[d1] reads a[d1] today, b[d2] reads a[d1] as yesterday.
        assertThat(report.summary(B).stale()).isEqualTo(PartitionSet.range(1, 3));
        assertThat(((StaleCause.UpstreamDataChanged) report.staleness(B, "d2").causes().get(0))
                .upstreamPartitions()).isEqualTo(PartitionSet.range(1, 3));
    }

    @Test
    void aSnapshotServesANewGraphAndTakesNewMaterializationsWithoutReloading() {
        AssetGraph v1 = chain("1");
        m.materializeAll(v1);
        StateSnapshot snapshot = StateSnapshot.load(v1, storage);
        AssetGraph v2 = chain("2");

        StalenessReport afterDeploy = new StalenessResolver(v2, snapshot).resolve();
        assertThat(afterDeploy.summary(B).stale()).isEqualTo(PartitionSet.of(0));

        m.materialize(v2, "b", "");
        StateSnapshot updated = snapshot.withMaterializations(List.of(storage.latest(B, "").orElseThrow()));
        StalenessReport afterRun = new StalenessResolver(v2, updated).resolve();

        assertThat(afterRun.summary(B).worst()).isEqualTo(StalenessStatus.FRESH);
        assertThat(afterRun.staleness(C, "").causes()).extracting(StaleCause::kind)
                .containsExactly(StaleCauseKind.UPSTREAM_DATA_CHANGED);
        assertThat(new StalenessResolver(v2, storage).resolve().staleness(C, ""))
                .isEqualTo(afterRun.staleness(C, ""));
        assertThat(new StalenessResolver(v2, snapshot).resolve().summary(B).stale())
                .as("the old snapshot is unchanged").isEqualTo(PartitionSet.of(0));
    }

    @Test
    void aSnapshotLackingAnAssetOrHoldingItWithOtherPartitionsIsRefusedUntilRefreshed() {
        AssetGraph v1 = chain("1");
        m.materializeAll(v1);
        StateSnapshot onlyA = StateSnapshot.load(v1, storage, List.of(A));
        assertThat(onlyA.contains(A)).isTrue();
        assertThat(onlyA.contains(B)).isFalse();

        assertThatThrownBy(() -> new StalenessResolver(v1, onlyA).resolve())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not hold asset 'b'")
                .hasMessageContaining("StateSnapshot.refreshed");

        AssetGraph partitioned = AssetGraph.of(List.of(
                AssetDefinition.builder("a").partitions(PartitionsDefinition.staticKeys("x", "y")).build(),
                AssetDefinition.builder("b").input("a").build(),
                AssetDefinition.builder("c").input("b").build()));
        StateSnapshot full = StateSnapshot.load(v1, storage);
        assertThatThrownBy(() -> new StalenessResolver(partitioned, full).resolve())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds asset 'a' with partitions none")
                .hasMessageContaining("now has 2 static keys [x, y]");

        StalenessReport refreshed = new StalenessResolver(partitioned, full.refreshed(partitioned, storage)).resolve();
        assertThat(refreshed.summary(A).missing()).isEqualTo(PartitionSet.range(0, 2));
        assertThat(refreshed.staleness(B, "").causes()).extracting(StaleCause::kind)
                .containsExactly(StaleCauseKind.UPSTREAM_DATA_CHANGED, StaleCauseKind.UPSTREAM_MISSING);
    }
}
