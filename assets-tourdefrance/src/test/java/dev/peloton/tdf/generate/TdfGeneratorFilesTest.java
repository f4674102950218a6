package dev.peloton.tdf.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TdfGeneratorFilesTest {

    private static final TdfGenerator GENERATOR = new TdfGenerator();

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesIdenticalFilesOtherSeedOtherFiles() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        assertThat(GENERATOR.writeFiles(a, Scale.TINY, 11)).isTrue();
        assertThat(GENERATOR.writeFiles(b, Scale.TINY, 11)).isTrue();
        assertThat(GENERATOR.writeFiles(c, Scale.TINY, 12)).isTrue();
        List<Path> files = files(a);
        assertThat(files).hasSize(7); // marker, 2 tabs, 4 routes
        for (Path f : files) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        assertThat(Files.readString(c.resolve("sheet/riders.csv"))).isNotEqualTo(Files.readString(a.resolve("sheet/riders.csv")));
        assertThat(Files.readString(c.resolve("routes/stage-06.csv"))).isNotEqualTo(Files.readString(a.resolve("routes/stage-06.csv")));
        // the facts tab does not depend on the seed
        assertThat(Files.readString(c.resolve("sheet/stages_info.csv"))).isEqualTo(Files.readString(a.resolve("sheet/stages_info.csv")));
    }

    @Test
    void markerSkipsARerunAndAChangeRewrites() throws IOException {
        assertThat(GENERATOR.writeFiles(dir, Scale.TINY, 11)).isTrue();
        assertThat(Files.readString(dir.resolve(TdfGenerator.MARKER_FILE)))
                .contains("seed=11").contains(Scale.TINY.fingerprint());
        assertThat(GENERATOR.writeFiles(dir, Scale.TINY, 11)).isFalse();

        Files.delete(dir.resolve("routes/stage-16.csv")); // a lost file is regenerated
        assertThat(GENERATOR.writeFiles(dir, Scale.TINY, 11)).isTrue();
        assertThat(dir.resolve("routes/stage-16.csv")).exists();

        assertThat(GENERATOR.writeFiles(dir, Scale.TINY, 12)).isTrue(); // another seed
        assertThat(Files.readString(dir.resolve(TdfGenerator.MARKER_FILE))).contains("seed=12");

        Scale one = new Scale("one", 2, 60, List.of(3), 0, 0);
        assertThat(GENERATOR.writeFiles(dir, one, 12)).isTrue(); // another scale: stale routes go
        try (Stream<Path> routes = Files.list(dir.resolve("routes"))) {
            assertThat(routes.map(p -> p.getFileName().toString())).containsExactly("stage-03.csv");
        }
    }

    @Test
    void outputDirectoryThatIsAFileIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> GENERATOR.writeFiles(file, Scale.TINY, 1))
                .hasMessageContaining(file.toString()).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> GENERATOR.writeFiles(null, Scale.TINY, 1)).hasMessageContaining("must not be null");
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
