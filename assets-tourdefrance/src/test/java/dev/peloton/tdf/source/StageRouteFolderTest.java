package dev.peloton.tdf.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.tdf.generate.Route;
import dev.peloton.tdf.generate.Scale;
import dev.peloton.tdf.generate.TdfGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route folder source against the generator's real route CSVs (tiny scale). */
class StageRouteFolderTest {

    private static final TdfGenerator GENERATOR = new TdfGenerator();
    private static final long SEED = 7;

    @TempDir
    Path dir;
    private StageRouteFolder folder;

    @BeforeEach
    void generate() {
        GENERATOR.writeFiles(dir, Scale.TINY, SEED);
        folder = new StageRouteFolder(dir.resolve("routes"));
    }

    @Test
    void readsEveryGeneratedStageAsTypedRows() {
        Map<Integer, Route> routes = GENERATOR.routes(Scale.TINY, SEED);
        for (int stage : Scale.TINY.stages()) {
            Route expected = routes.get(stage);
            StageRoute route = folder.read(stage);

            assertThat(route.stage()).isEqualTo(stage);
            assertThat(route.file()).isEqualTo(TdfGenerator.routeFile(dir, stage));
            assertThat(route.points()).as("stage %d", stage).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i += 97) {
                RoutePoint p = route.points().get(i);
                assertThat(p.lat()).as("stage %d row %d", stage, i).isCloseTo(expected.lat(i), within(5e-7));
                assertThat(p.lon()).isCloseTo(expected.lon(i), within(5e-7));
                assertThat(p.altitude()).isCloseTo(expected.altitude(i), within(0.05));
                assertThat(p.kmDone()).isCloseTo(expected.km(i), within(5e-4));
                assertThat(p.kmToGo()).isCloseTo(expected.kmToGo(i), within(5e-4));
                assertThat(p.checkpointType()).isEqualTo(expected.checkpointType(i));
                assertThat(p.checkpointCategory()).isEqualTo(expected.checkpointCategory(i));
            }
            assertThat(route.points().getFirst().checkpointType()).isEqualTo("start");
            assertThat(route.lengthKm()).isCloseTo(expected.lengthKm(), within(5e-4));
            assertThat(route.checkpoints()).extracting(RoutePoint::checkpointType).last().asString()
                    .startsWith("arrival");
        }
    }

    @Test
    void aMalformedLineFailsThatStageNamingFileLineColumnAndValue() throws IOException {
        Path file = TdfGenerator.routeFile(dir, 6);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        String[] fields = lines.get(99).split(",", -1); // line 100
        fields[2] = "12x.5";
        lines.set(99, String.join(",", fields));
        Files.write(file, lines, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> folder.read(6))
                .isInstanceOf(StageFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 100")
                .hasMessageContaining("column 'altitude'")
                .hasMessageContaining("'12x.5' is not a number")
                .satisfies(e -> {
                    StageFileException s = (StageFileException) e;
                    assertThat(s.stage()).isEqualTo(6);
                    assertThat(s.line()).isEqualTo(100);
                    assertThat(s.column()).isEqualTo("altitude");
                    assertThat(s.value()).isEqualTo("12x.5");
                });

        // the other stages are unaffected
        Map<Integer, StageRouteFolder.Outcome> outcomes = folder.readEach(Scale.TINY.stages());
        assertThat(outcomes.get(6)).isInstanceOf(StageRouteFolder.Failed.class);
        assertThat(outcomes.get(1)).isInstanceOf(StageRouteFolder.Loaded.class);
        assertThat(outcomes.get(16)).isInstanceOf(StageRouteFolder.Loaded.class);
        assertThat(outcomes.get(21)).isInstanceOf(StageRouteFolder.Loaded.class);
    }

    @Test
    void badValuesOfEachKindAreNamed() throws IOException {
        Path file = TdfGenerator.routeFile(dir, 1);
        List<String> original = Files.readAllLines(file, StandardCharsets.UTF_8);
        record Case(int column, String value, String expected) {
        }
        List<Case> cases = List.of(
                new Case(0, "91.5", "column 'latitude': '91.5' is out of range -90.0..90.0"),
                new Case(1, "", "column 'longitude': '' is not a number"),
                new Case(3, "NaN", "column 'km_done': 'NaN' is out of range"),
                new Case(5, "Sprint!", "column 'checkpoint_type': 'Sprint!' is not a checkpoint type"),
                new Case(6, "5", "column 'checkpoint_category': '5' is not a climb category"));
        for (Case c : cases) {
            List<String> lines = new ArrayList<>(original);
            String[] fields = lines.get(41).split(",", -1);
            fields[c.column()] = c.value();
            lines.set(41, String.join(",", fields));
            Files.write(file, lines, StandardCharsets.UTF_8);
            assertThatThrownBy(() -> folder.read(1)).as(c.toString())
                    .hasMessageContaining(file + ": line 42, " + c.expected());
        }

        List<String> lines = new ArrayList<>(original);
        lines.set(9, lines.get(9) + ",extra");
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> folder.read(1)).hasMessageContaining(file + ": line 10: 8 fields, the header has 7");

        Files.writeString(file, "latitude,longitude,altitude,km_done,checkpoint_type,checkpoint_category\n1,2,3,4,,\n");
        assertThatThrownBy(() -> folder.read(1)).hasMessageContaining(file + ": line 1: no column 'km_to_go'");

        Files.writeString(file, "");
        assertThatThrownBy(() -> folder.read(1)).hasMessageContaining(file + ": line 1: empty file");
    }

    @Test
    void quotedFieldsSpanningLinesKeepLineNumbersRight() throws IOException {
        Path file = TdfGenerator.routeFile(dir, 1);
        Files.writeString(file, """
                latitude,longitude,altitude,km_done,km_to_go,checkpoint_type,checkpoint_category,note
                43.1,-2.9,10.0,0.000,182.1,start,,"a note, with a comma
                and a second line"
                43.2,-2.8,"12.5",0.020,182.08,,,
                43.2,-2.8,oops,0.040,182.06,,,
                """);
        assertThatThrownBy(() -> folder.read(1)).hasMessageContaining(file + ": line 5, column 'altitude': 'oops'");

        Files.writeString(file, """
                latitude,longitude,altitude,km_done,km_to_go,checkpoint_type,checkpoint_category,note
                43.1,-2.9,10.0,0.000,182.1,start,,"a note, with a comma
                and a second line"
                43.2,-2.8,"12.5",0.020,182.08,summit,H,
                """);
        StageRoute route = folder.read(1);
        assertThat(route.points()).containsExactly(
                new RoutePoint(43.1, -2.9, 10.0, 0.0, 182.1, "start", null),
                new RoutePoint(43.2, -2.8, 12.5, 0.02, 182.08, "summit", "H"));
    }

    @Test
    void aMissingStageFileFailsThatStageOnly() throws IOException {
        Path file = TdfGenerator.routeFile(dir, 16);
        Files.delete(file);

        assertThatThrownBy(() -> folder.read(16)).isInstanceOf(StageFileException.class)
                .hasMessage("stage 16: route file " + file + " does not exist");
        Map<Integer, StageRouteFolder.Outcome> outcomes = folder.readEach(List.of(1, 16, 21));
        assertThat(outcomes.get(16)).isInstanceOfSatisfying(StageRouteFolder.Failed.class,
                f -> assertThat(f.error().file()).isEqualTo(file));
        assertThat(outcomes.get(21)).isInstanceOfSatisfying(StageRouteFolder.Loaded.class,
                l -> assertThat(l.route().points()).isNotEmpty());
        assertThatThrownBy(() -> folder.read(22)).hasMessageContaining("stage 22 does not exist; stages are 1..21");
    }

    @Test
    void listsFilesWithModifiedTimeAndAHashThatFollowsTheContent() throws IOException {
        List<StageFile> files = folder.list();
        assertThat(files).extracting(StageFile::stage).containsExactly(1, 6, 16, 21);
        assertThat(files).extracting(StageFile::partitionKey).containsExactly("1", "6", "16", "21");
        assertThat(files).extracting(StageFile::sha256).doesNotHaveDuplicates().allMatch(h -> h.matches("[0-9a-f]{64}"));
        StageFile six = files.get(1);
        assertThat(six.size()).isEqualTo(Files.size(six.file()));

        // a touch changes the time, not the hash
        Instant later = six.lastModified().plusSeconds(60);
        Files.setLastModifiedTime(six.file(), FileTime.from(later));
        StageFile touched = folder.list().get(1);
        assertThat(touched.lastModified()).isEqualTo(later);
        assertThat(touched.sha256()).isEqualTo(six.sha256());

        // an edit changes the hash
        Files.writeString(six.file(), "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(folder.list().get(1).sha256()).isNotEqualTo(six.sha256());

        // files being written and other files are not stages; a new stage appears
        Files.writeString(dir.resolve("routes/stage-02.csv.tmp"), "half");
        Files.writeString(dir.resolve("routes/notes.txt"), "x");
        Files.writeString(dir.resolve("routes/stage-99.csv"), "x");
        Files.copy(TdfGenerator.routeFile(dir, 1), dir.resolve("routes/stage-02.csv"));
        assertThat(folder.list()).extracting(StageFile::stage).containsExactly(1, 2, 6, 16, 21);

        assertThat(new StageRouteFolder(dir.resolve("nothing-here")).list()).isEmpty();
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
