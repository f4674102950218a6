package dev.peloton.tdf.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.runtime.automation.KeyedRunRequest;
import dev.peloton.runtime.automation.SensorContext;
import dev.peloton.runtime.automation.SensorResult;
import dev.peloton.tdf.source.StageRouteFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageRouteSensorTest {

    @TempDir
    Path dir;
    StageRouteFolder folder;
    StageRouteSensor sensor;

    @BeforeEach
    void setUp() {
        folder = new StageRouteFolder(dir);
        sensor = new StageRouteSensor(folder);
    }

    SensorResult evaluate(String cursor) {
        return sensor.evaluate(new SensorContext(StageRouteSensor.NAME, Instant.parse("2023-07-04T20:00:00Z"), cursor,
                null));
    }

    String hash(int stage) {
        return folder.list().stream().filter(f -> f.stage() == stage).findFirst().orElseThrow().sha256();
    }

    @Test
    void theFirstEvaluationTakesTheFilesAsTheBaseline() throws IOException {
        Files.writeString(dir.resolve("stage-01.csv"), "one");
        SensorResult first = evaluate(null);
        assertThat(first.runRequests()).isEmpty();
        assertThat(first.skipReason()).contains("baseline").contains("1 stage files");
        assertThat(first.cursor()).isEqualTo("stage-01.csv\t" + hash(1));
    }

    @Test
    void aNewFileRunsItsStageOnceWithTheStageAndHashAsRunKey() throws IOException {
        Files.writeString(dir.resolve("stage-01.csv"), "one");
        String baseline = evaluate(null).cursor();
        Files.writeString(dir.resolve("stage-04.csv"), "four");

        SensorResult result = evaluate(baseline);
        assertThat(result.skipReason()).isNull();
        assertThat(result.runRequests()).singleElement().satisfies(r -> {
            assertThat(r.runKey()).isEqualTo("4:" + hash(4));
            assertThat(r.request().selection()).isEqualTo(TdfAutomation.STAGE_ROUTE_ASSETS);
            assertThat(r.request().partitions()).isEqualTo(PartitionSelection.keys("4"));
            assertThat(r.request().tags()).containsEntry("tdf/stage", "4").containsEntry("tdf/route-sha256", hash(4));
        });
        assertThat(CursorMap.decode(result.cursor()).entries()).containsOnlyKeys("stage-01.csv", "stage-04.csv");

        SensorResult again = evaluate(result.cursor());
        assertThat(again.runRequests()).isEmpty();
        assertThat(again.skipReason()).startsWith("no stage file added or changed");
    }

    @Test
    void changedContentRunsButATouchDoesNot() throws IOException {
        Path six = dir.resolve("stage-06.csv");
        Files.writeString(six, "six");
        String cursor = evaluate(null).cursor();

        Files.setLastModifiedTime(six, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        SensorResult touched = evaluate(cursor);
        assertThat(touched.runRequests()).isEmpty();

        Files.writeString(six, "six, rerouted");
        SensorResult changed = evaluate(touched.cursor());
        assertThat(changed.runRequests()).extracting(KeyedRunRequest::runKey).containsExactly("6:" + hash(6));
    }

    @Test
    void aDeletedFileLeavesTheCursorAndRunsNothing() throws IOException {
        Files.writeString(dir.resolve("stage-01.csv"), "one");
        Files.writeString(dir.resolve("stage-02.csv"), "two");
        String cursor = evaluate(null).cursor();
        Files.delete(dir.resolve("stage-02.csv"));
        SensorResult result = evaluate(cursor);
        assertThat(result.runRequests()).isEmpty();
        assertThat(CursorMap.decode(result.cursor()).entries()).containsOnlyKeys("stage-01.csv");
    }

    @Test
    void filesBeingWrittenAndOtherFilesAreIgnored() throws IOException {
        String cursor = evaluate(null).cursor();
        Files.writeString(dir.resolve("stage-03.csv.tmp"), "half");
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Files.writeString(dir.resolve("stage-22.csv"), "no such stage");
        assertThat(evaluate(cursor).runRequests()).isEmpty();
    }

    @Test
    void anUnreadableFileThrowsNamingTheFolder() throws IOException {
        String cursor = evaluate(null).cursor();
        Path loop = dir.resolve("stage-05.csv");
        Files.createSymbolicLink(loop, loop);  // unreadable even for root: too many levels of symbolic links
        assertThatThrownBy(() -> evaluate(cursor)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(dir.toString());
    }
}
