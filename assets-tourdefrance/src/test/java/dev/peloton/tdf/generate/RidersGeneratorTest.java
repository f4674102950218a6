package dev.peloton.tdf.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RidersGeneratorTest {

    private static final TdfFacts FACTS = TdfFacts.load();

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 2023, -7})
    void pelotonHas176RidersIn22TeamsOfEightWithBibBlocks(long seed) {
        List<Rider> riders = RidersGenerator.generate(FACTS, seed);
        assertThat(riders).as("seed %d", seed).hasSize(176);
        Map<String, List<Rider>> byTeam = riders.stream().collect(Collectors.groupingBy(r -> r.team().name()));
        assertThat(byTeam).hasSize(22);
        byTeam.values().forEach(team -> assertThat(team).hasSize(8));
        for (int t = 0; t < 22; t++) {
            Team team = FACTS.teams().get(t);
            Set<Integer> bibs = byTeam.get(team.name()).stream().map(Rider::bib).collect(Collectors.toSet());
            int block = t;
            bibs.forEach(b -> assertThat((b - 1) / 10).as("bib %d of %s", b, team.name()).isEqualTo(block));
        }
        assertThat(riders).extracting(Rider::bib).doesNotContain(61).doesNotHaveDuplicates()
                .allMatch(b -> b % 10 != 0 && (b % 10 != 9 || b == 69));
        assertThat(riders).extracting(Rider::name).doesNotHaveDuplicates();
        assertThat(riders).extracting(Rider::slug).doesNotHaveDuplicates().allMatch(s -> s.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 2023, -7})
    void halfTheRidersHaveAUniqueStravaId(long seed) {
        List<Rider> riders = RidersGenerator.generate(FACTS, seed);
        List<Long> ids = riders.stream().filter(r -> r.stravaId().isPresent()).map(r -> r.stravaId().getAsLong()).toList();
        assertThat(ids).as("seed %d", seed).hasSize(88).doesNotHaveDuplicates().allMatch(id -> id >= 1_000_000);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 2023, -7})
    void heightAndWeightFollowThePublishedDistributions(long seed) {
        List<Rider> riders = RidersGenerator.generate(FACTS, seed);
        // bounds are about four standard errors of the sample mean around the published means
        assertThat(mean(riders, true)).as("mean height, seed %d", seed).isBetween(179.3, 182.5);
        assertThat(mean(riders, false)).as("mean weight, seed %d", seed).isBetween(67.0, 70.6);
        List<Rider> climbers = riders.stream().filter(r -> r.role() == RiderRole.CLIMBER).toList();
        List<Rider> sprinters = riders.stream().filter(r -> r.role() == RiderRole.SPRINTER).toList();
        assertThat(climbers).hasSize(44);
        assertThat(sprinters).hasSizeBetween(22, 44);
        assertThat(mean(climbers, true)).as("climbers' height, seed %d", seed).isBetween(175.0, 181.0);
        assertThat(mean(climbers, false)).as("climbers' weight, seed %d", seed).isBetween(61.2, 66.8);
        assertThat(mean(sprinters, true)).as("sprinters' height, seed %d", seed).isBetween(176.5, 183.5);
        assertThat(mean(sprinters, false)).as("sprinters' weight, seed %d", seed).isBetween(68.7, 75.3);
        assertThat(riders).allMatch(r -> r.heightCm() >= 160 && r.heightCm() <= 201 && r.weightKg() >= 52
                && r.weightKg() <= 92);
        double sd = Math.sqrt(riders.stream().mapToDouble(r -> Math.pow(r.heightCm() - mean(riders, true), 2)).sum()
                / riders.size());
        assertThat(sd).as("height spread, seed %d", seed).isBetween(3.5, 8.0);
    }

    @Test
    void overManySeedsTheMeansAreThePublishedOnes() {
        double height = 0;
        double weight = 0;
        double climberWeight = 0;
        double sprinterWeight = 0;
        int seeds = 40;
        for (long seed = 100; seed < 100 + seeds; seed++) {
            List<Rider> riders = RidersGenerator.generate(FACTS, seed);
            height += mean(riders, true) / seeds;
            weight += mean(riders, false) / seeds;
            climberWeight += mean(riders.stream().filter(r -> r.role() == RiderRole.CLIMBER).toList(), false) / seeds;
            sprinterWeight += mean(riders.stream().filter(r -> r.role() == RiderRole.SPRINTER).toList(), false) / seeds;
        }
        assertThat(height).isCloseTo(180.9, org.assertj.core.data.Offset.offset(0.4));
        assertThat(weight).isCloseTo(68.8, org.assertj.core.data.Offset.offset(0.4));
        assertThat(climberWeight).isCloseTo(64.0, org.assertj.core.data.Offset.offset(0.5));
        assertThat(sprinterWeight).isCloseTo(72.0, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void sameSeedSameRidersOtherSeedOtherRiders() {
        assertThat(RidersGenerator.generate(FACTS, 5)).isEqualTo(RidersGenerator.generate(FACTS, 5));
        Set<String> a = new HashSet<>(RidersGenerator.generate(FACTS, 5).stream().map(Rider::name).toList());
        Set<String> b = new HashSet<>(RidersGenerator.generate(FACTS, 6).stream().map(Rider::name).toList());
        a.retainAll(b);
        assertThat(a.size()).isLessThan(60);
    }

    @Test
    void bibBlocksOfTeams() {
        assertThat(RidersGenerator.bibsOfTeam(0)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(RidersGenerator.bibsOfTeam(6)).containsExactly(62, 63, 64, 65, 66, 67, 68, 69);
        assertThat(RidersGenerator.bibsOfTeam(21)).containsExactly(211, 212, 213, 214, 215, 216, 217, 218);
        assertThatThrownBy(() -> RidersGenerator.bibsOfTeam(22)).hasMessageContaining("team index 22")
                .hasMessageContaining("0..21");
    }

    @Test
    void slugsAreAsciiWithDashes() {
        assertThat(RiderNames.slug("Søren Jørgensen")).isEqualTo("soren-jorgensen");
        assertThat(RiderNames.slug("Cian O'Brien")).isEqualTo("cian-obrien");
        assertThat(RiderNames.slug("Žiga Kovačič")).isEqualTo("ziga-kovacic");
        assertThat(RiderNames.slug("Daan van den Berg")).isEqualTo("daan-van-den-berg");
    }

    @Test
    void ridersTabIsWrittenAsAGoogleSheetExport(@TempDir Path dir) throws IOException {
        List<Rider> riders = RidersGenerator.generate(FACTS, 42);
        Path file = dir.resolve("riders.csv");
        SheetWriter.writeRiders(riders, file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith(String.join(",", SheetWriter.RIDER_COLUMNS) + "\r\n").doesNotEndWith("\n");
        assertThat(text.split("\r\n")).hasSize(177);
        Csv.Table t = Csv.read("riders.csv", new StringReader(text));
        assertThat(t.rows()).hasSize(176);
        int strava = t.column("strava_id");
        assertThat(t.rows().stream().filter(r -> r.get(strava).isEmpty())).hasSize(88);
        assertThat(t.rows().getFirst().get(t.column("bib"))).isEqualTo("1");
        assertThat(t.rows().get(1).get(t.column("team"))).isEqualTo("Jumbo-Visma");
        assertThat(t.rows().stream().map(r -> r.get(t.column("role"))).distinct())
                .containsExactlyInAnyOrder("climber", "sprinter", "rouleur");
    }

    @Test
    void stagesInfoTabHasTheStagesWithCoordinates(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("stages_info.csv");
        SheetWriter.writeStagesInfo(FACTS.stages(), file);
        Csv.Table t = Csv.read("stages_info.csv", Files.newBufferedReader(file));
        assertThat(t.header()).isEqualTo(SheetWriter.STAGE_COLUMNS);
        assertThat(t.rows()).hasSize(21);
        assertThat(t.rows().get(15)).containsExactly("16", "2023-07-18", "Passy", "Combloux", "45.913019", "6.705800",
                "45.894672", "6.645125", "22.35", "time_trial");
    }

    private static double mean(List<Rider> riders, boolean height) {
        return riders.stream().mapToDouble(r -> height ? r.heightCm() : r.weightKg()).average().orElseThrow();
    }
}
