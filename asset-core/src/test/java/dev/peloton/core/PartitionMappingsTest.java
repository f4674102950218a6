package dev.peloton.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.engine.partition.DimensionMapping;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionMappingsTest {

    private static final TimeWindowPartitions RACE_DAYS = PartitionsDefinition.daily("2023-07-01", "2023-07-23")
            .excluding("2023-07-10", "2023-07-17");
    private static final TimeWindowPartitions JULY = PartitionsDefinition.daily("2023-07-01", "2023-07-31");
    private static final StaticPartitions JERSEYS = PartitionsDefinition.staticKeys("yellow", "green", "polka-dot");

    private static PartitionSet keys(PartitionsDefinition def, String... keys) {
        return def.parse(null, List.of(keys));
    }

    @Test
    void identityKeepsIndicesBetweenEqualDefinitionsAndKeysOtherwise() {
        PartitionMapping identity = PartitionMappings.identity();
        PartitionSet set = PartitionSet.of(0, 5, 6, 7);
        assertThat(identity.upstreamOf(set, RACE_DAYS, RACE_DAYS)).isSameAs(set);
        assertThat(JULY.keys(identity.upstreamOf(keys(RACE_DAYS, "2023-07-09", "2023-07-11"), RACE_DAYS, JULY)))
                .containsExactly("2023-07-09", "2023-07-11");
        // The rest day is upstream only: no race day reads or is read through it.
        assertThat(RACE_DAYS.keys(identity.downstreamOf(keys(JULY, "2023-07-09", "2023-07-10", "2023-07-31"), JULY,
                RACE_DAYS))).containsExactly("2023-07-09");
        StaticPartitions someDays = PartitionsDefinition.staticKeys("2023-07-04", "stage-x", "2023-07-10");
        assertThat(someDays.keys(identity.downstreamOf(RACE_DAYS.all(), RACE_DAYS, someDays))).containsExactly("2023-07-04");
        assertThat(identity.incompatibility(RACE_DAYS, someDays)).isEmpty();
        assertThat(identity.describe()).isEqualTo("identity");
    }

    @Test
    void identityExplainsDefinitionsItCannotConnect() {
        PartitionMapping identity = PartitionMappings.identity();
        assertThat(identity.incompatibility(RACE_DAYS, JERSEYS)).hasValueSatisfying(m -> assertThat(m)
                .isEqualTo("identity maps each key to the same key, but the upstream (" + RACE_DAYS.describe()
                        + ") and the downstream (3 static keys [yellow, green, polka-dot]) have no key in common"));
        assertThat(identity.incompatibility(RACE_DAYS, PartitionsDefinition.weekly("2023-07-01", "2023-07-23")))
                .hasValueSatisfying(m -> assertThat(m).contains("the upstream has daily keys and the downstream weekly"
                        + " keys: map windows of different lengths with PartitionMappings.timeWindow()"));
        assertThat(identity.incompatibility(RACE_DAYS, PartitionsDefinition.daily("2024-07-01", "2024-07-23")))
                .hasValueSatisfying(m -> assertThat(m).contains("have no key in common"));
        assertThat(identity.incompatibility(RACE_DAYS, PartitionsDefinition.daily("2023-07-20"))).isEmpty();
        // Keys added at run time cannot be judged when the graph is validated.
        assertThat(identity.incompatibility(PartitionsDefinition.dynamic("riders"), JERSEYS)).isEmpty();
    }

    @Test
    void allAndLast() {
        assertThat(PartitionMappings.all().upstreamOf(PartitionSet.of(3), RACE_DAYS, JERSEYS)).isEqualTo(JERSEYS.all());
        assertThat(PartitionMappings.all().upstreamOf(PartitionSet.empty(), RACE_DAYS, JERSEYS)).isEqualTo(PartitionSet.empty());
        assertThat(PartitionMappings.all().downstreamOf(PartitionSet.of(1), JERSEYS, RACE_DAYS)).isEqualTo(RACE_DAYS.all());

        TimeWindowPartitions days = PartitionsDefinition.daily("2023-07-01")
                .withClock(Clock.fixed(Instant.parse("2023-07-05T08:00:00Z"), ZoneOffset.UTC));
        PartitionMapping last = PartitionMappings.last();
        assertThat(days.keys(last.upstreamOf(PartitionSet.of(0, 1), JERSEYS, days))).containsExactly("2023-07-04");
        assertThat(last.downstreamOf(keys(days, "2023-07-04"), days, JERSEYS)).isEqualTo(JERSEYS.all());
        assertThat(last.downstreamOf(keys(days, "2023-07-03"), days, JERSEYS)).isEqualTo(PartitionSet.empty());
        assertThat(last.upstreamOf(PartitionSet.of(0), JERSEYS, PartitionsDefinition.dynamic("empty")))
                .isEqualTo(PartitionSet.empty());
    }

    @Test
    void offsetReadsThePreviousRaceDayAndNothingAtTheEdge() {
        PartitionMapping previous = PartitionMappings.offset(-1);
        assertThat(RACE_DAYS.keys(previous.upstreamOf(keys(RACE_DAYS, "2023-07-11", "2023-07-18", "2023-07-01"),
                RACE_DAYS, RACE_DAYS))).containsExactly("2023-07-09", "2023-07-16");
        assertThat(RACE_DAYS.keys(previous.downstreamOf(keys(RACE_DAYS, "2023-07-09", "2023-07-23"), RACE_DAYS,
                RACE_DAYS))).containsExactly("2023-07-11");
        // Counted in the upstream's keys: against every day of July, the day before a race day may be a rest day.
        assertThat(JULY.keys(previous.upstreamOf(keys(RACE_DAYS, "2023-07-11"), RACE_DAYS, JULY)))
                .containsExactly("2023-07-10");
        assertThat(RACE_DAYS.keys(PartitionMappings.offset(2).upstreamOf(keys(RACE_DAYS, "2023-07-08"), RACE_DAYS,
                RACE_DAYS))).containsExactly("2023-07-11");
        assertThat(previous.describe()).isEqualTo("offset(-1)");
        assertThat(previous).isEqualTo(PartitionMappings.offset(-1));
        assertThat(previous.incompatibility(RACE_DAYS, JERSEYS)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("offset(-1) maps each key to the same key"));
    }

    @Test
    void windowReadsTheLastFewOrEveryPartitionUpToThisOne() {
        PartitionMapping lastThree = PartitionMappings.window(3);
        assertThat(RACE_DAYS.keys(lastThree.upstreamOf(keys(RACE_DAYS, "2023-07-11"), RACE_DAYS, RACE_DAYS)))
                .containsExactly("2023-07-08", "2023-07-09", "2023-07-11");
        assertThat(RACE_DAYS.keys(lastThree.upstreamOf(keys(RACE_DAYS, "2023-07-02"), RACE_DAYS, RACE_DAYS)))
                .containsExactly("2023-07-01", "2023-07-02");
        assertThat(RACE_DAYS.keys(lastThree.downstreamOf(keys(RACE_DAYS, "2023-07-21"), RACE_DAYS, RACE_DAYS)))
                .containsExactly("2023-07-21", "2023-07-22", "2023-07-23");

        // Cumulative standings: every stage up to this one.
        PartitionMapping cumulative = PartitionMappings.window(0);
        assertThat(cumulative.upstreamOf(keys(RACE_DAYS, "2023-07-05"), RACE_DAYS, RACE_DAYS)).isEqualTo(PartitionSet.range(0, 5));
        assertThat(cumulative.downstreamOf(keys(RACE_DAYS, "2023-07-20"), RACE_DAYS, RACE_DAYS))
                .isEqualTo(PartitionSet.range(RACE_DAYS.indexOf("2023-07-20"), 21));
        assertThat(cumulative.describe()).isEqualTo("window(all up to this one)");
        assertThatThrownBy(() -> PartitionMappings.window(-2))
                .hasMessage("A window mapping's size is >= 0 (0 reads every partition from the first), got -2");
    }

    @Test
    void staticMapReadsTheListedKeysAndReportsUnknownOnes() {
        PartitionMapping map = PartitionMappings.staticMap(Map.of("yellow", List.of("2023-07-22", "2023-07-23"),
                "green", List.of("2023-07-23")));
        assertThat(RACE_DAYS.keys(map.upstreamOf(keys(JERSEYS, "yellow"), JERSEYS, RACE_DAYS)))
                .containsExactly("2023-07-22", "2023-07-23");
        assertThat(map.upstreamOf(keys(JERSEYS, "polka-dot"), JERSEYS, RACE_DAYS)).isEqualTo(PartitionSet.empty());
        assertThat(JERSEYS.keys(map.downstreamOf(keys(RACE_DAYS, "2023-07-23"), RACE_DAYS, JERSEYS)))
                .containsExactly("yellow", "green");
        assertThat(map.incompatibility(RACE_DAYS, JERSEYS)).isEmpty();

        PartitionMapping typos = PartitionMappings.staticMap(Map.of("yelow", List.of("2023-07-10")));
        assertThat(typos.incompatibility(RACE_DAYS, JERSEYS)).hasValue("The static partition map names downstream keys"
                + " ['yelow'] that are not keys of the downstream (valid keys are 3 static keys [yellow, green,"
                + " polka-dot]) and upstream keys ['2023-07-10'] that are not keys of the upstream (valid keys are "
                + RACE_DAYS.describe() + ")");
        assertThatThrownBy(() -> PartitionMappings.staticMap(Map.of())).hasMessageContaining("at least one downstream key");
        assertThatThrownBy(() -> PartitionMappings.staticMap(java.util.Collections.singletonMap("a", null)))
                .hasMessageContaining("maps downstream key 'a' to a null list");
    }

    @Test
    void dimensionProjectsMultiDimensionalKeysEitherWay() {
        MultiPartitions stageJersey = PartitionsDefinition.multi().dimension("date", RACE_DAYS)
                .dimension("jersey", JERSEYS).build();
        PartitionMapping byJersey = PartitionMappings.dimension("jersey");
        // A per-jersey asset reads every stage of its jersey.
        PartitionSet read = byJersey.upstreamOf(keys(JERSEYS, "green"), JERSEYS, stageJersey);
        assertThat(read.count()).isEqualTo(21);
        assertThat(stageJersey.keys(read)).allMatch(k -> k.endsWith("|green"));
        assertThat(JERSEYS.keys(byJersey.downstreamOf(keys(stageJersey, "2023-07-04|polka-dot"), stageJersey, JERSEYS)))
                .containsExactly("polka-dot");
        // A stage-and-jersey asset reads its day.
        PartitionMapping byDate = PartitionMappings.dimension("date");
        assertThat(RACE_DAYS.keys(byDate.upstreamOf(keys(stageJersey, "2023-07-04|green", "2023-07-05|yellow"),
                stageJersey, RACE_DAYS))).containsExactly("2023-07-04", "2023-07-05");
        assertThat(byDate.downstreamOf(keys(RACE_DAYS, "2023-07-01"), RACE_DAYS, stageJersey)).isEqualTo(PartitionSet.range(0, 3));

        assertThat(byJersey.incompatibility(stageJersey, JERSEYS)).isEmpty();
        assertThat(PartitionMappings.dimension("team").incompatibility(stageJersey, JERSEYS))
                .hasValue("dimension(team) names no dimension of the upstream: its dimensions are [date, jersey]");
        assertThat(byJersey.incompatibility(RACE_DAYS, JERSEYS)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("dimension(jersey) projects multi-dimensional keys, but neither the upstream"));
        assertThat(byJersey.incompatibility(stageJersey, PartitionsDefinition.staticKeys("white")))
                .hasValueSatisfying(m -> assertThat(m).contains("have no key in common"));
        assertThatThrownBy(() -> byJersey.upstreamOf(PartitionSet.of(0), RACE_DAYS, JERSEYS))
                .hasMessageContaining("neither the upstream");
        assertThatThrownBy(() -> PartitionMappings.dimension("team").upstreamOf(PartitionSet.of(0), JERSEYS, stageJersey))
                .hasMessageContaining("'team' is not a dimension of");
        assertThatThrownBy(() -> PartitionMappings.dimension("")).hasMessageContaining("needs the name of a dimension");
        assertThat(byJersey).isEqualTo(new DimensionMapping("jersey"));
    }

    @Test
    void timeWindowReadsOverlappingWindowsOfOtherLengths() {
        TimeWindowPartitions weeks = PartitionsDefinition.weekly("2023-07-01", "2023-07-23");
        PartitionMapping overlap = PartitionMappings.timeWindow();
        // The week of Sunday 2023-07-09 reads its race days (the 10th is a rest day).
        assertThat(RACE_DAYS.keys(overlap.upstreamOf(keys(weeks, "2023-07-09"), weeks, RACE_DAYS)))
                .containsExactly("2023-07-09", "2023-07-11", "2023-07-12", "2023-07-13", "2023-07-14", "2023-07-15");
        assertThat(weeks.keys(overlap.upstreamOf(keys(RACE_DAYS, "2023-07-12", "2023-07-20"), RACE_DAYS, weeks)))
                .containsExactly("2023-07-09", "2023-07-16");
        assertThat(RACE_DAYS.keys(overlap.downstreamOf(keys(weeks, "2023-07-02"), weeks, RACE_DAYS))).hasSize(7);

        TimeWindowPartitions hours = PartitionsDefinition.hourly("2023-07-01", "2023-07-23-23:00").inZone("Europe/Paris");
        TimeWindowPartitions parisDays = RACE_DAYS.inZone("Europe/Paris");
        assertThat(overlap.upstreamOf(keys(parisDays, "2023-07-02"), parisDays, hours)).isEqualTo(PartitionSet.range(24, 48));
        // In UTC, the Paris day 2023-07-02 runs from 22:00 on the 1st to 22:00 on the 2nd: it overlaps two UTC days.
        assertThat(JULY.keys(overlap.upstreamOf(keys(parisDays, "2023-07-02"), parisDays, JULY)))
                .containsExactly("2023-07-01", "2023-07-02");

        assertThat(overlap.incompatibility(RACE_DAYS, weeks)).isEmpty();
        assertThat(overlap.incompatibility(RACE_DAYS, JERSEYS)).hasValueSatisfying(m -> assertThat(m)
                .isEqualTo("The time-window mapping connects time-window partitions, but the downstream has 3 static"
                        + " keys [yellow, green, polka-dot]"));
        assertThat(overlap.incompatibility(RACE_DAYS, PartitionsDefinition.monthly("2024-01-01", "2024-12-01")))
                .hasValueSatisfying(m -> assertThat(m).contains("never overlap"));
        assertThat(overlap.incompatibility(RACE_DAYS, PartitionsDefinition.monthly("2020-01-01"))).isEmpty();
        assertThatThrownBy(() -> overlap.upstreamOf(PartitionSet.of(0), JERSEYS, RACE_DAYS))
                .hasMessageContaining("connects time-window partitions, not 3 static keys");
    }

    @Test
    void defaultsAreInferredAsDagsterDoes() {
        MultiPartitions stageJersey = PartitionsDefinition.multi().dimension("date", RACE_DAYS)
                .dimension("jersey", JERSEYS).build();
        PartitionsDefinition none = PartitionsDefinition.none();
        assertThat(PartitionMappings.defaultFor(none, RACE_DAYS)).isEqualTo(PartitionMappings.all());
        assertThat(PartitionMappings.defaultFor(RACE_DAYS, none)).isEqualTo(PartitionMappings.all());
        assertThat(PartitionMappings.defaultFor(RACE_DAYS, PartitionsDefinition.daily("2023-07-01", "2023-07-23")
                .excluding("2023-07-10", "2023-07-17"))).isEqualTo(PartitionMappings.identity());
        assertThat(PartitionMappings.defaultFor(RACE_DAYS, PartitionsDefinition.weekly("2023-07-01")))
                .isEqualTo(PartitionMappings.timeWindow());
        assertThat(PartitionMappings.defaultFor(RACE_DAYS, JULY)).isEqualTo(PartitionMappings.timeWindow());
        assertThat(PartitionMappings.defaultFor(stageJersey, JERSEYS)).isEqualTo(PartitionMappings.dimension("jersey"));
        assertThat(PartitionMappings.defaultFor(RACE_DAYS, stageJersey)).isEqualTo(PartitionMappings.dimension("date"));
        assertThat(PartitionMappings.defaultFor(stageJersey, PartitionsDefinition.staticKeys("white")))
                .isEqualTo(PartitionMappings.identity());
        assertThat(PartitionMappings.defaultFor(JERSEYS, PartitionsDefinition.staticKeys("white")))
                .isEqualTo(PartitionMappings.identity());
        // The fallback identity reports why it cannot connect the two.
        assertThat(PartitionMappings.defaultFor(JERSEYS, RACE_DAYS).incompatibility(JERSEYS, RACE_DAYS)).isPresent();
    }
}
