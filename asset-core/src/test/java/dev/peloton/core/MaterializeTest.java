package dev.peloton.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.engine.execution.StepStatus;
import dev.peloton.core.engine.graph.InvalidAssetGraphException;
import dev.peloton.core.engine.staleness.StaleCause;
import dev.peloton.core.engine.staleness.StaleCauseKind;
import dev.peloton.core.engine.staleness.StalenessStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The test-support facade, used the way a user tests assets: one call, no Spring, no database. */
class MaterializeTest {

    /** A tiny race: distances per race day, a cumulative total, and a check. */
    public static class RaceAssets {
        @Partitions("race_days")
        public static final PartitionsDefinition RACE_DAYS = PartitionsDefinition.daily("2023-07-01", "2023-07-05")
                .excluding("2023-07-03");

        final AtomicReference<String> sourceVersion = new AtomicReference<>("v1");
        final AtomicInteger distanceCalls = new AtomicInteger();

        @Asset(partitions = "race_days", codeVersion = "1")
        public Integer distance(AssetContext context) {
            distanceCalls.incrementAndGet();
            context.dataVersion(sourceVersion.get() + ":" + context.partitionKey());
            context.rowCount(1);
            return 100 + context.partitionKey().hashCode() % 10;
        }

        @Asset(partitions = "race_days", codeVersion = "1")
        public Integer total(@In(value = "distance", mapping = MappingKind.WINDOW) Map<String, Integer> distance) {
            return distance.values().stream().mapToInt(Integer::intValue).sum();
        }

        @AssetCheck(asset = "distance", blocking = true)
        public CheckResult positive(Integer distance) {
            return CheckResult.of(distance > 0, "distance is positive", Map.of("distance", distance));
        }
    }

    public static class FailingAssets {
        @Asset(codeVersion = "1")
        public String source() {
            throw new IllegalStateException("the source is down");
        }

        @Asset(codeVersion = "1")
        public String downstream(String source) {
            return source + "!";
        }
    }

    @Test
    void materializesAPartitionAndItsUpstreamInOneCall() {
        RaceAssets race = new RaceAssets();
        MaterializeResult result = Materialize.assets(race).materializeRange("+total", "2023-07-01", "2023-07-02");

        assertThat(result.success()).isTrue();
        assertThat(result.values("distance")).containsOnlyKeys("2023-07-01", "2023-07-02");
        int expected = (Integer) result.value("distance", "2023-07-01") + (Integer) result.value("distance", "2023-07-02");
        assertThat(result.<Integer>value("total", "2023-07-02")).isEqualTo(expected);
        assertThat(result.checks()).hasSize(2).allMatch(c -> c.passed());
        // total on 2023-07-02 reads the window of race days up to it, both days of distance.
        assertThat(result.values("total")).containsOnlyKeys("2023-07-01", "2023-07-02");
        assertThat(result.materializations("distance")).extracting(m -> m.metadata().get("row_count"))
                .containsOnly(1L);
    }

    @Test
    void aPartitionWhoseUpstreamWindowIsMissingFailsNamingWhatIsMissing() {
        // Requested keys apply to every selected asset: total on 07-02 needs distance on 07-01, which is not planned.
        MaterializeResult result = Materialize.assets(new RaceAssets()).materialize("+total", "2023-07-02");

        assertThat(result.success()).isFalse();
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.stepId()).isEqualTo("total[2023-07-02]");
            assertThat(f.error().getMessage()).contains("distance").contains("2023-07-01");
        });
    }

    @Test
    void keepsStateBetweenCallsAndExplainsStaleness() {
        RaceAssets race = new RaceAssets();
        Materialize harness = Materialize.assets(race);
        assertThat(harness.materialize("*").success()).isTrue();
        assertThat(harness.staleness("total", "2023-07-05").status()).isEqualTo(StalenessStatus.FRESH);

        race.sourceVersion.set("v2");
        assertThat(harness.materialize("distance", "2023-07-01").success()).isTrue();

        // Every later total reads the changed day through the window: stale, naming distance as the cause.
        var staleness = harness.staleness("total", "2023-07-05");
        assertThat(staleness.status()).isEqualTo(StalenessStatus.STALE);
        assertThat(staleness.causes()).extracting(StaleCause::kind).contains(StaleCauseKind.UPSTREAM_DATA_CHANGED);
        assertThat(staleness.causes().get(0).describe()).contains("distance");

        MaterializeResult refresh = harness.materializeStaleAndMissing("*");
        assertThat(refresh.values("total")).containsOnlyKeys("2023-07-01", "2023-07-02", "2023-07-04", "2023-07-05");
        assertThat(refresh.values("distance")).isEmpty();
        assertThat(harness.staleness().summary(dev.peloton.core.AssetKey.parse("total")).stale().isEmpty()).isTrue();
    }

    @Test
    void memoizationSkipsUnchangedPartitionsAndSaysWhy() {
        RaceAssets race = new RaceAssets();
        Materialize harness = Materialize.assets(race).memoize(true);
        harness.materialize("distance");
        int calls = race.distanceCalls.get();

        MaterializeResult again = harness.materialize("distance");
        assertThat(race.distanceCalls.get()).isEqualTo(calls);
        assertThat(again.plan().steps()).isEmpty();
        assertThat(again.plan().skipped()).isNotEmpty().allMatch(s -> s.reason().contains("memoized"));
    }

    @Test
    void aFailureIsReportedWithItsExceptionAndDownstreamIsSkipped() {
        MaterializeResult result = Materialize.assets(new FailingAssets()).materialize("*");

        assertThat(result.success()).isFalse();
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.stepId()).isEqualTo("source");
            assertThat(f.error()).hasMessage("the source is down");
        });
        assertThat(result.run().status("downstream")).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void badInputsGetClearErrors() {
        Materialize harness = Materialize.assets(new RaceAssets());
        assertThatThrownBy(() -> harness.materialize("distance", "2023-07-03"))
                .isInstanceOf(InvalidPartitionKeyException.class)
                .hasMessageContaining("2023-07-03").hasMessageContaining("distance");
        assertThatThrownBy(() -> harness.materialize("nope"))
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> Materialize.assets(new Object() {
            @Asset
            public String orphan(String missing) {
                return missing;
            }
        })).isInstanceOf(InvalidAssetGraphException.class).hasMessageContaining("missing");
        assertThat(List.of(harness.graph().size())).containsExactly(2);
    }
}
