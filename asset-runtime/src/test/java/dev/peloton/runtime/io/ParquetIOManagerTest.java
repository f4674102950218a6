package dev.peloton.runtime.io;

import static dev.peloton.runtime.io.IoTestSupport.STAGES;
import static dev.peloton.runtime.io.IoTestSupport.in;
import static dev.peloton.runtime.io.IoTestSupport.out;
import static dev.peloton.runtime.io.IoTestSupport.riders;
import static dev.peloton.runtime.io.IoTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.runtime.io.duckdb.DuckDbIOManager;
import dev.peloton.runtime.io.parquet.ParquetIOManager;
import dev.peloton.runtime.io.parquet.PartitionFileNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParquetIOManagerTest {

    @TempDir
    Path dir;
    ParquetIOManager io;

    @BeforeEach
    void open() {
        io = new ParquetIOManager(dir.resolve("lake"));
    }

    @AfterEach
    void close() {
        io.close();
    }

    @Test
    void onePartitionIsOneFileAndLoadsBackInEveryType() throws Exception {
        io.store(out("landing/race", STAGES, "stage-1"), riders("pogacar", "10", "vingegaard", "12"));
        io.store(out("landing/race", STAGES, "stage-2"), Sql.of("SELECT 'evenepoel' AS rider, 13::BIGINT AS seconds"));

        Path file = dir.resolve("lake/landing/race/stage-1.parquet");
        assertThat(file).isRegularFile();
        assertThat(dir.resolve("lake/landing/race/stage-2.parquet")).isRegularFile();
        TableRef ref = (TableRef) io.load(in("landing/race", STAGES, TableRef.class, "stage-1", "stage-2"));
        assertThat(ref.relation()).startsWith("read_parquet([").contains(file.toString());
        assertThat(rows(io, "SELECT rider, seconds FROM " + ref + " ORDER BY rider")).containsExactly(
                List.of("evenepoel", "13"), List.of("pogacar", "10"), List.of("vingegaard", "12"));
        assertThat(rows(io, "SELECT DISTINCT partition_key FROM " + ref.withPartitionColumns() + " ORDER BY 1"))
                .containsExactly(List.of("stage-1"), List.of("stage-2"));
        assertThat(io.load(in("landing/race", STAGES, long.class, "stage-1"))).isEqualTo(2L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) io.load(
                in("landing/race", STAGES, List.class, "stage-2"));
        assertThat(list).containsExactly(Map.of("rider", "evenepoel", "seconds", 13L));
        assertThat(io.describeStored(out("landing/race", STAGES, "stage-1"))).containsEntry("row_count", 2L)
                .containsEntry("path", file.toString());
    }

    @Test
    void unpartitionedAndRangeStores() throws Exception {
        io.store(out("summary", PartitionsDefinition.none()), Sql.of("SELECT 42 AS answer"));
        assertThat(dir.resolve("lake/summary/data.parquet")).isRegularFile();
        assertThat(rows(io, "SELECT * FROM " + io.load(in("summary", PartitionsDefinition.none(), TableRef.class))))
                .containsExactly(List.of("42"));

        io.store(out("landing/race", STAGES, "stage-1", "stage-2"), Sql.of(
                "SELECT * FROM (VALUES ('a', 'stage-1'), ('b', 'stage-2'), ('c', 'stage-2')) t(rider, partition_key)"));
        assertThat(io.load(in("landing/race", STAGES, long.class, "stage-1"))).isEqualTo(1L);
        assertThat(io.load(in("landing/race", STAGES, long.class, "stage-2"))).isEqualTo(2L);
    }

    @Test
    void aFailedStoreLeavesThePreviousFileAndNoTemporaryFiles() throws Exception {
        io.store(out("landing/race", STAGES, "stage-1"), riders("a", "1"));
        Path file = io.file(AssetKey.parse("landing/race"), "stage-1");
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> io.store(out("landing/race", STAGES, "stage-1"), Sql.of("SELECT nope FROM nowhere")))
                .isInstanceOf(IOManagerException.class)
                .hasMessageContaining("asset 'landing/race' partition 'stage-1'").hasMessageContaining("nowhere");
        assertThatThrownBy(() -> io.store(out("landing/race", STAGES, "stage-1", "stage-2"), Sql.of(
                "SELECT * FROM (VALUES ('x', 'stage-1'), ('y', 'stage-2')) t(rider, partition_key)"
                        + " UNION ALL SELECT 'z', error('boom in the middle')")))
                .isInstanceOf(IOManagerException.class).hasMessageContaining("boom in the middle");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(dir.resolve("lake/landing/race/stage-2.parquet")).doesNotExist();
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("stage-1.parquet");
        }
    }

    @Test
    void readersNeverSeeAHalfWrittenFile() throws Exception {
        io.store(out("landing/race", STAGES, "stage-1"), Sql.of("SELECT range AS i FROM range(20000)"));
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 30; i++) {
                    int rows = i % 2 == 0 ? 10000 : 20000;
                    io.store(out("landing/race", STAGES, "stage-1"), Sql.of("SELECT range AS i FROM range(" + rows + ")"));
                }
            } finally {
                writing.set(false);
            }
        });
        List<Long> seen = new ArrayList<>();
        try (var reader = new ParquetIOManager(dir.resolve("lake"))) {
            while (writing.get()) {
                seen.add((Long) reader.load(in("landing/race", STAGES, Long.class, "stage-1")));
            }
        }
        writer.get(60, TimeUnit.SECONDS);
        assertThat(seen).isNotEmpty().allSatisfy(n -> assertThat(n).isIn(10000L, 20000L));
    }

    @Test
    void aMissingPartitionFileNamesAssetPartitionAndPath() throws Exception {
        io.store(out("landing/race", STAGES, "stage-1"), riders("a", "1"));

        assertThatThrownBy(() -> io.load(in("landing/race", STAGES, TableRef.class, "stage-1", "stage-3")))
                .isInstanceOf(IOManagerException.class)
                .hasMessageContaining("asset 'landing/race' partition 'stage-3'")
                .hasMessageContaining(dir.resolve("lake/landing/race/stage-3.parquet").toString())
                .hasMessageContaining("read by asset 'reader'");
    }

    @Test
    void unsafePartitionKeysStayInsideTheAssetDirectory() throws Exception {
        List<String> keys = List.of("../../escape", "a/b", "..", ".hidden", "it's", "x\"y", "2023-07-04|pogacar",
                "100%", "étape 1");
        PartitionsDefinition odd = PartitionsDefinition.staticKeys(keys);
        for (String key : keys) {
            io.store(out("odd/keys", odd, key), Sql.of("SELECT " + SqlText.literal(key) + " AS k"));
        }
        Path assetDir = dir.resolve("lake/odd/keys");
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile)).allSatisfy(p -> assertThat(p.getParent()).isEqualTo(assetDir))
                    .hasSize(keys.size());
        }
        assertThat(assetDir.resolve("2023-07-04%7Cpogacar.parquet")).isRegularFile();
        assertThat(assetDir.resolve("%2E..parquet")).isRegularFile();
        for (String key : keys) {
            assertThat(rows(io, "SELECT k FROM " + io.load(in("odd/keys", odd, TableRef.class, key))))
                    .as(key).containsExactly(List.of(key));
        }
        assertThatThrownBy(() -> io.store(out("odd/keys", PartitionsDefinition.staticKeys("k".repeat(300)),
                "k".repeat(300)), Sql.of("SELECT 1"))).isInstanceOf(IOManagerException.class)
                .hasMessageContaining("too long for a file name");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2023})
    void fileNamesDecodeToTheirKeys(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "abcXYZ019-_.|/\\'\"% é€\u0000";
        for (int n = 0; n < 200; n++) {
            StringBuilder key = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                key.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String name = PartitionFileNames.encode(key.toString());
            assertThat(name).as("seed %d key %s", seed, key).matches("[A-Za-z0-9_%-][A-Za-z0-9_.%-]*")
                    .isNotEqualTo("data");
            assertThat(PartitionFileNames.decode(name)).as("seed %d", seed).isEqualTo(key.toString());
        }
    }

    @Test
    void aParquetReferenceWorksInTheDuckDbIOManagersSql() throws Exception {
        io.store(out("landing/race", STAGES, "stage-1"), riders("a", "1", "b", "2"));
        TableRef ref = (TableRef) io.load(in("landing/race", STAGES, TableRef.class, "stage-1"));
        try (DuckDbIOManager duck = new DuckDbIOManager(dir.resolve("warehouse.duckdb"))) {
            duck.store(out("staging/total", PartitionsDefinition.none()),
                    Sql.of("SELECT sum(seconds) AS total FROM " + ref));
            assertThat(rows(duck, "SELECT total FROM staging.total")).containsExactly(List.of("3"));
        }
    }
}
