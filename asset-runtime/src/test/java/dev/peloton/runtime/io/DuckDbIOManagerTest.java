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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbIOManagerTest {

    @TempDir
    Path dir;
    DuckDbIOManager io;

    @BeforeEach
    void open() {
        io = new DuckDbIOManager(dir.resolve("db/warehouse.duckdb"));
    }

    @AfterEach
    void close() {
        io.close();
    }

    @Test
    void unpartitionedSqlRoundTripsAsTableRefListAndCount() throws Exception {
        io.store(out("landing/race", PartitionsDefinition.none()),
                Sql.of("SELECT * FROM (VALUES ('pogacar', 10), ('vingegaard', 12)) AS t(rider, seconds);"));

        Object ref = io.load(in("landing/race", PartitionsDefinition.none(), TableRef.class));
        assertThat(ref).isInstanceOf(TableRef.class).hasToString("\"landing\".\"race\"");
        assertThat(rows(io, "SELECT rider, seconds FROM " + ref + " ORDER BY rider"))
                .containsExactly(List.of("pogacar", "10"), List.of("vingegaard", "12"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) io.load(
                in("landing/race", PartitionsDefinition.none(), List.class));
        assertThat(list).extracting(m -> m.get("rider")).containsExactlyInAnyOrder("pogacar", "vingegaard");
        assertThat(list.get(0)).containsOnlyKeys("rider", "seconds");
        assertThat(io.load(in("landing/race", PartitionsDefinition.none(), long.class))).isEqualTo(2L);
        assertThat(io.describeStored(out("landing/race", PartitionsDefinition.none())))
                .containsEntry("row_count", 2L).containsEntry("table", "landing.race")
                .hasEntrySatisfying("preview", p -> {
                    dev.peloton.core.TablePreview preview = (dev.peloton.core.TablePreview) p;
                    assertThat(preview.columns()).containsExactly("rider", "seconds");
                    assertThat(preview.rows()).containsExactlyInAnyOrder(List.of("pogacar", 10L),
                            List.of("vingegaard", 12L));
                });

        io.store(out("landing/race", PartitionsDefinition.none()), Sql.of("SELECT 'alaphilippe' AS rider"));
        assertThat(rows(io, "SELECT * FROM " + io.load(in("landing/race", PartitionsDefinition.none(),
                TableRef.class)))).containsExactly(List.of("alaphilippe"));
    }

    @Test
    void rowsRoundTripThroughTheAppender() throws Exception {
        io.store(out("landing/race", STAGES, "stage-1"), riders("pogacar", "10", "vingegaard", "12"));

        TableRef ref = (TableRef) io.load(in("landing/race", STAGES, TableRef.class, "stage-1"));
        assertThat(rows(io, "SELECT * FROM " + ref + " ORDER BY rider"))
                .containsExactly(List.of("pogacar", "10"), List.of("vingegaard", "12"));
        assertThat(rows(io, "SELECT DISTINCT partition_key FROM " + ref.withPartitionColumns()))
                .containsExactly(List.of("stage-1"));
        assertThat(rows(io, "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema ="
                + " 'landing' AND table_name = 'race' ORDER BY ordinal_position")).containsExactly(
                        List.of("rider", "VARCHAR"), List.of("seconds", "BIGINT"), List.of("partition_key", "VARCHAR"));
    }

    @Test
    void epochMicrosGoStraightIntoTimestampColumnsAndAreConvertedForOtherTypes() throws Exception {
        long micros = java.time.Instant.parse("2023-07-06T14:05:09.123456Z").toEpochMilli() * 1000 + 456;
        io.store(out("landing/points", PartitionsDefinition.none()), Rows.of(List.of(Column.timestamp("seen"),
                new Column("seen_tz", "TIMESTAMPTZ"), Column.varchar("label")), sink -> {
                    sink.addEpochMicros(micros).addEpochMicros(micros).add("after 1970").endRow();
                    sink.addEpochMicros(-1).addEpochMicros(-1).add("before 1970").endRow();
                }));
        assertThat(rows(io, "SELECT CAST(seen AS VARCHAR), epoch_us(seen), epoch_us(seen_tz), label"
                + " FROM landing.points ORDER BY seen")).containsExactly(
                        List.of("1969-12-31 23:59:59.999999", "-1", "-1", "before 1970"),
                        List.of("2023-07-06 14:05:09.123456", Long.toString(micros), Long.toString(micros),
                                "after 1970"));
        assertThatThrownBy(() -> io.store(out("landing/points", PartitionsDefinition.none()), Rows.of(
                List.of(Column.timestamp("seen")), sink -> sink.addEpochMicros(1).addEpochMicros(2).endRow())))
                .isInstanceOf(IOManagerException.class).hasMessageContaining("Row 1 has more values than the 1");
    }

    @Test
    void settingsAreAppliedWhenTheFileIsOpenedAndBadOnesAreNamed() throws Exception {
        try (DuckDbIOManager tuned = new DuckDbIOManager(dir.resolve("tuned.duckdb"), 10,
                Map.of("threads", "1", "memory_limit", "256MB"))) {
            assertThat(rows(tuned, "SELECT current_setting('threads'), current_setting('memory_limit')"))
                    .containsExactly(List.of("1", "244.1 MiB")); // DuckDB reads MB as 1000 * 1000 bytes
        }
        assertThatThrownBy(() -> new DuckDbIOManager(dir.resolve("x.duckdb"), 10, Map.of("threads; DROP", "1")))
                .hasMessageContaining("DuckDB setting 'threads; DROP' is not a setting name");
        try (DuckDbIOManager wrong = new DuckDbIOManager(dir.resolve("wrong.duckdb"), 10,
                Map.of("no_such_setting", "1"))) {
            assertThatThrownBy(() -> rows(wrong, "SELECT 1"))
                    .hasMessageContaining("Cannot apply DuckDB setting peloton.duckdb.settings.no_such_setting=1");
        }
    }

    @Test
    void storingAPartitionReplacesOnlyThatPartition() throws Exception {
        io.store(out("landing/race", STAGES, "stage-1"), riders("a", "1", "b", "2"));
        io.store(out("landing/race", STAGES, "stage-2"), riders("c", "3"));
        io.store(out("landing/race", STAGES, "stage-1"), riders("d", "4"));

        assertThat(rows(io, "SELECT partition_key, rider FROM landing.race ORDER BY 1, 2"))
                .containsExactly(List.of("stage-1", "d"), List.of("stage-2", "c"));
        assertThat(io.load(in("landing/race", STAGES, Long.class, "stage-1"))).isEqualTo(1L);
        TableRef one = (TableRef) io.load(in("landing/race", STAGES, TableRef.class, "stage-2"));
        assertThat(rows(io, "SELECT rider FROM " + one)).containsExactly(List.of("c"));
        TableRef both = (TableRef) io.load(in("landing/race", STAGES, TableRef.class, "stage-1", "stage-2"));
        assertThat(both.filter()).isEqualTo("\"partition_key\" IN ('stage-1', 'stage-2')");
        io.store(out("landing/race", STAGES, "stage-3"), riders("e", "5"));
        assertThat(rows(io, "SELECT rider FROM " + both + " ORDER BY 1"))
                .as("a reference keeps its partitions when more are stored later").containsExactly(List.of("c"),
                        List.of("d"));
        assertThat(rows(io, "SELECT rider FROM " + both + " ORDER BY 1")).containsExactly(List.of("c"), List.of("d"));
    }

    @Test
    void aRangeStepStoresAllItsKeysFromThePartitionKeyColumn() throws Exception {
        io.store(out("landing/race", STAGES, "stage-3"), riders("old", "9"));
        io.store(out("landing/race", STAGES, "stage-1", "stage-2", "stage-3"), Sql.of(
                "SELECT * FROM (VALUES ('a', 'stage-1'), ('b', 'stage-2'), ('c', 'stage-2')) t(rider, partition_key)"));

        assertThat(rows(io, "SELECT partition_key, count(*) FROM landing.race GROUP BY 1 ORDER BY 1"))
                .containsExactly(List.of("stage-1", "1"), List.of("stage-2", "2"));
        assertThat(io.load(in("landing/race", STAGES, long.class, "stage-3")))
                .as("a partition of the range without rows is stored empty").isEqualTo(0L);
        Map<String, Object> described = io.describeStored(out("landing/race", STAGES, "stage-1", "stage-2",
                "stage-3"));
        assertThat(described).containsEntry("row_count", 3L);
        // the preview shows the stored rows of these partitions only, without the partition column
        dev.peloton.core.TablePreview preview = (dev.peloton.core.TablePreview) described.get("preview");
        assertThat(preview.columns()).doesNotContain("partition_key");
        assertThat(preview.rows()).hasSize(3);
        assertThat(((dev.peloton.core.TablePreview) io.describeStored(out("landing/race", STAGES, "stage-3"))
                .get("preview")).rows()).isEmpty();
    }

    @Test
    void aRangeStepWithoutPartitionKeyColumnOrWithForeignKeysIsRefused() {
        assertThatThrownBy(() -> io.store(out("landing/race", STAGES, "stage-1", "stage-2"), riders("a", "1")))
                .isInstanceOf(IOManagerException.class)
                .hasMessageContaining("landing/race").hasMessageContaining("'partition_key' column");
        assertThatThrownBy(() -> io.store(out("landing/race", STAGES, "stage-1", "stage-2"),
                Sql.of("SELECT 'a' AS rider, 'stage-9' AS partition_key")))
                .isInstanceOf(IOManagerException.class).hasMessageContaining("'stage-9'")
                .hasMessageContaining("not among the partitions this step stores");
    }

    @Test
    void aFailedStoreKeepsThePreviousDataAndNamesAssetPartitionAndSqlError() throws Exception {
        io.store(out("landing/race", STAGES, "stage-1"), riders("a", "1"));

        assertThatThrownBy(() -> io.store(out("landing/race", STAGES, "stage-1"),
                Sql.of("SELECT no_such_column FROM landing.race")))
                .isInstanceOf(IOManagerException.class)
                .hasMessageContaining("asset 'landing/race' partition 'stage-1'")
                .hasMessageContaining("no_such_column");
        assertThatThrownBy(() -> io.store(out("landing/race", STAGES, "stage-1"), Rows.of(
                List.of(Column.varchar("rider")), sink -> {
                    sink.row("b");
                    throw new IllegalStateException("source broke after one row");
                })))
                .isInstanceOf(IOManagerException.class).hasMessageContaining("source broke after one row");

        assertThat(rows(io, "SELECT rider, partition_key FROM landing.race")).containsExactly(List.of("a", "stage-1"));
        assertThat(io.load(in("landing/race", STAGES, long.class, "stage-1"))).isEqualTo(1L);
    }

    @Test
    void newColumnsAreAddedAndOlderPartitionsGetNull() throws Exception {
        io.store(out("landing/race", STAGES, "stage-1"), riders("a", "1"));
        io.store(out("landing/race", STAGES, "stage-2"), Sql.of("SELECT 'b' AS rider, 2 AS seconds, 'FRA' AS nation"));

        assertThat(rows(io, "SELECT rider, nation FROM landing.race ORDER BY 1"))
                .containsExactly(java.util.Arrays.asList("a", null), List.of("b", "FRA"));
    }

    @Test
    void loadingMissingPartitionsNamesThem() throws Exception {
        io.store(out("landing/race", STAGES, "stage-1"), riders("a", "1"));

        assertThatThrownBy(() -> io.load(in("landing/race", STAGES, TableRef.class, "stage-1", "stage-2")))
                .isInstanceOf(IOManagerException.class).hasMessageContaining("'landing/race'")
                .hasMessageContaining("[stage-2]").hasMessageContaining("for asset 'reader'");
        assertThatThrownBy(() -> io.load(in("other/thing", PartitionsDefinition.none(), TableRef.class)))
                .isInstanceOf(IOManagerException.class).hasMessageContaining("'other/thing'")
                .hasMessageContaining("never stored");
    }

    @Test
    void badValuesAndTypesAreRefusedClearly() {
        assertThatThrownBy(() -> io.store(out("landing/race", PartitionsDefinition.none()), "SELECT 1"))
                .isInstanceOf(IOManagerException.class).hasMessageContaining("java.lang.String")
                .hasMessageContaining("Sql");
        assertThatThrownBy(() -> io.store(out("landing/race", PartitionsDefinition.none()), Rows.of(
                List.of(Column.varchar("rider"), Column.bigint("seconds")), sink -> sink.row("only one"))))
                .isInstanceOf(IOManagerException.class).hasMessageContaining("Row 1 has 1 values for 2 columns");
        assertThatThrownBy(() -> io.store(out("_peloton/partitions", PartitionsDefinition.none()), Sql.of("SELECT 1")))
                .isInstanceOf(IOManagerException.class).hasMessageContaining("bookkeeping");
        assertThat(io.canLoad(TableRef.class)).isTrue();
        assertThat(io.canLoad(long.class)).isTrue();
        assertThat(io.canLoad(List.class)).isTrue();
        assertThat(io.canLoad(String.class)).isFalse();
        assertThat(io.canLoad(Map.class)).isFalse();
    }

    @Test
    void listLoadsAreCappedWithAHint() throws Exception {
        try (DuckDbIOManager small = new DuckDbIOManager(dir.resolve("small.duckdb"), 5)) {
            small.store(out("big", PartitionsDefinition.none()), Sql.of("SELECT range AS i FROM range(6)"));
            assertThatThrownBy(() -> small.load(in("big", PartitionsDefinition.none(), List.class)))
                    .isInstanceOf(IOManagerException.class).hasMessageContaining("more than 5 rows")
                    .hasMessageContaining("TableRef");
            assertThat(small.load(in("big", PartitionsDefinition.none(), long.class))).isEqualTo(6L);
        }
    }

    @Test
    void partitionKeysWithQuotesAreLiteralsNotSql() throws Exception {
        PartitionsDefinition odd = PartitionsDefinition.staticKeys("it's", "a\"b", "x'); DROP TABLE t; --");
        for (String key : List.of("it's", "a\"b", "x'); DROP TABLE t; --")) {
            io.store(out("odd/keys", odd, key), Sql.of("SELECT 1 AS one"));
        }
        assertThat(rows(io, "SELECT partition_key FROM odd.keys ORDER BY 1")).extracting(r -> r.get(0))
                .containsExactly("a\"b", "it's", "x'); DROP TABLE t; --");
        assertThat(rows(io, "SELECT * FROM " + io.load(in("odd/keys", odd, TableRef.class, "it's"))))
                .containsExactly(List.of("1"));
    }

    @Test
    void multiPartitionsGetOneColumnPerDimension() throws Exception {
        PartitionsDefinition multi = PartitionsDefinition.multi().dimension("stage", STAGES)
                .dimension("team", PartitionsDefinition.staticKeys("uae", "visma")).build();
        io.store(out("landing/teams", multi, "stage-1|uae"), riders("pogacar", "1"));
        io.store(out("landing/teams", multi, "stage-2|uae", "stage-2|visma"), Sql.of(
                "SELECT * FROM (VALUES ('a', 'stage-2|uae'), ('b', 'stage-2|visma')) t(rider, partition_key)"));

        assertThat(rows(io, "SELECT rider, partition_stage, partition_team FROM landing.teams ORDER BY 1"))
                .containsExactly(List.of("a", "stage-2", "uae"), List.of("b", "stage-2", "visma"),
                        List.of("pogacar", "stage-1", "uae"));
        TableRef ref = (TableRef) io.load(in("landing/teams", multi, TableRef.class, "stage-2|visma"));
        assertThat(rows(io, "SELECT rider FROM " + ref)).containsExactly(List.of("b"));
        assertThat(ref.asset()).isEqualTo(AssetKey.parse("landing/teams"));
    }
}
