package dev.peloton.runtime.io;

import static dev.peloton.runtime.io.IoTestSupport.STAGES;
import static dev.peloton.runtime.io.IoTestSupport.out;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.TablePreview;
import dev.peloton.core.engine.io.InMemoryIOManager;
import dev.peloton.runtime.io.duckdb.DuckDbIOManager;
import dev.peloton.runtime.io.parquet.ParquetIOManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablePreviewServiceTest {

    static final AssetKey RACE = AssetKey.parse("landing/race");
    static final String VALUES = "SELECT * FROM (VALUES ('pogacar', 10, 'SLO'), ('vingegaard', 12, NULL),"
            + " ('evenepoel', 13, 'BEL'), ('pogacar', 14, NULL)) t(rider, seconds, nation)";

    @TempDir
    Path dir;
    DuckDbIOManager duck;
    ParquetIOManager parquet;
    TablePreviewService previews;

    @BeforeEach
    void open() {
        duck = new DuckDbIOManager(dir.resolve("w.duckdb"));
        parquet = new ParquetIOManager(dir.resolve("lake"));
        previews = new TablePreviewService(Map.of("duckdb", duck, "parquet", parquet, "memory",
                new InMemoryIOManager()));
    }

    @AfterEach
    void close() {
        duck.close();
        parquet.close();
    }

    @Test
    void previewShowsTheFirstRowsOfOnePartitionWithoutPartitionColumns() throws Exception {
        for (String io : List.of("duckdb", "parquet")) {
            QueryableIOManager manager = io.equals("duckdb") ? duck : parquet;
            ((dev.peloton.core.IOManager) manager).store(out("landing/race", STAGES, "stage-1"), Sql.of(VALUES));
            ((dev.peloton.core.IOManager) manager).store(out("landing/race", STAGES, "stage-2"),
                    Sql.of("SELECT 'other' AS rider, 1 AS seconds, 'X' AS nation"));

            TablePreview preview = previews.preview(io, RACE, STAGES, "stage-1", 2);
            assertThat(preview.columns()).as(io).containsExactly("rider", "seconds", "nation");
            assertThat(preview.rows()).as(io).hasSize(2).allSatisfy(r -> assertThat(r.get(0)).isNotEqualTo("other"));
            assertThat(previews.preview(io, RACE, STAGES, "stage-2", 100).rows()).as(io)
                    .containsExactly(List.of("other", 1, "X"));
        }
    }

    @Test
    void statisticsCountNullsMinMaxAndDistinct() throws Exception {
        duck.store(out("landing/race", STAGES, "stage-1"), Sql.of(VALUES));
        parquet.store(out("landing/race", STAGES, "stage-1"), Sql.of(VALUES));

        for (String io : List.of("duckdb", "parquet")) {
            List<ColumnStatistics> stats = previews.statistics(io, RACE, STAGES, "stage-1");
            assertThat(stats).as(io).extracting(ColumnStatistics::name).containsExactly("rider", "seconds", "nation");
            ColumnStatistics rider = stats.get(0);
            assertThat(rider.type()).isEqualTo("VARCHAR");
            assertThat(rider.count()).isEqualTo(4);
            assertThat(rider.nulls()).isZero();
            assertThat(rider.min()).isEqualTo("evenepoel");
            assertThat(rider.max()).isEqualTo("vingegaard");
            assertThat(rider.approxDistinct()).isEqualTo(3);
            ColumnStatistics seconds = stats.get(1);
            assertThat(seconds.min()).isEqualTo("10");
            assertThat(seconds.max()).isEqualTo("14");
            assertThat(stats.get(2).nulls()).as(io).isEqualTo(2);
        }
    }

    @Test
    void badRequestsAreNamed() throws Exception {
        assertThatThrownBy(() -> previews.preview("memory", RACE, STAGES, "stage-1", 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'memory'")
                .hasMessageContaining("cannot show previews");
        assertThatThrownBy(() -> previews.preview("nope", RACE, STAGES, "stage-1", 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'")
                .hasMessageContaining("duckdb");
        assertThatThrownBy(() -> previews.statistics("duckdb", RACE, STAGES, "stage-3"))
                .isInstanceOf(IOManagerException.class).hasMessageContaining("stage-3");
        duck.store(out("landing/race", STAGES, "stage-1"), Sql.of(VALUES));
        assertThatThrownBy(() -> previews.preview("duckdb", RACE, STAGES, "stage-1", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
