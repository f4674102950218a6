package dev.peloton.tdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.runtime.storage.StepStorage.StepRow;
import dev.peloton.runtime.storage.StepStorage.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepProfileTest {

    private static final Instant T0 = Instant.parse("2023-07-01T12:00:00Z");

    private static StepRow step(String id, long startMs, long endMs) {
        return new StepRow(id, StepState.SUCCESS, 1, T0.plusMillis(startMs), T0.plusMillis(endMs), null);
    }

    @Test
    void busySumsTheStepsAndWallCountsOverlapsOnce() {
        StepProfile profile = StepProfile.of(List.of(
                step("landing/race_points[2023-07-01]", 0, 4_000),
                step("landing/race_points[2023-07-02]", 1_000, 3_000),
                step("landing/race_points[2023-07-03]", 5_000, 6_000),
                step("staging/riders", 500, 700),
                new StepRow("marts/never[2023-07-01]", StepState.PENDING, 0, null, null, null)));
        StepProfile.AssetTiming landing = profile.of("landing/race_points");
        assertThat(landing.steps()).isEqualTo(3);
        assertThat(landing.busy()).isEqualTo(Duration.ofSeconds(7));
        assertThat(landing.wall()).isEqualTo(Duration.ofSeconds(5));
        assertThat(landing.firstStart()).isEqualTo(T0);
        assertThat(landing.lastEnd()).isEqualTo(T0.plusSeconds(6));
        assertThat(profile.byAsset().keySet()).containsExactly("landing/race_points", "staging/riders");
        assertThatThrownBy(() -> profile.of("marts/never"))
                .hasMessageContaining("no finished step of asset 'marts/never'")
                .hasMessageContaining("landing/race_points");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2023, 99_991})
    void wallIsTheLengthOfTheUnionOfTheIntervals(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<StepRow> steps = new ArrayList<>();
        boolean[] covered = new boolean[2_000];
        long busy = 0;
        for (int i = 0; i < 1 + r.nextInt(40); i++) {
            int start = r.nextInt(1_900);
            int end = start + r.nextInt(Math.min(300, 2_000 - start));
            steps.add(step("a[" + i + "]", start, end));
            busy += end - start;
            for (int ms = start; ms < end; ms++) {
                covered[ms] = true;
            }
        }
        long wall = 0;
        for (boolean c : covered) {
            wall += c ? 1 : 0;
        }
        StepProfile.AssetTiming t = StepProfile.of(steps).of("a");
        assertThat(t.wall()).as("seed %d", seed).isEqualTo(Duration.ofMillis(wall));
        assertThat(t.busy()).as("seed %d", seed).isEqualTo(Duration.ofMillis(busy));
        assertThat(t.steps()).as("seed %d", seed).isEqualTo(steps.size());
    }
}
