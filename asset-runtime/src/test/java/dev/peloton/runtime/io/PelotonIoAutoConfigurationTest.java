package dev.peloton.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.IOManager;
import dev.peloton.runtime.io.duckdb.DuckDbIOManager;
import dev.peloton.runtime.io.parquet.ParquetIOManager;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PelotonIoAutoConfigurationTest {

    @TempDir
    Path dir;

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PelotonIoAutoConfiguration.class));

    @Test
    void defaultsLiveUnderTheDataDirAndNothingIsCreatedBeforeUse() {
        runner.withPropertyValues("peloton.data-dir=" + dir).run(context -> {
            assertThat(context.getBean("duckdb", IOManager.class)).isInstanceOf(DuckDbIOManager.class);
            assertThat(context.getBean("duckdb", DuckDbIOManager.class).file())
                    .isEqualTo(dir.resolve("warehouse.duckdb"));
            assertThat(context.getBean("parquet", ParquetIOManager.class).root()).isEqualTo(dir.resolve("lake"));
            assertThat(context).hasSingleBean(TablePreviewService.class);
            assertThat(dir.resolve("warehouse.duckdb")).doesNotExist();
            assertThat(dir.resolve("lake")).doesNotExist();
        });
    }

    @Test
    void pathsCanBeSetAndManagersSwitchedOff() {
        runner.withPropertyValues("peloton.data-dir=" + dir, "peloton.duckdb.path=" + dir.resolve("x/w.duckdb"),
                "peloton.parquet.enabled=false").run(context -> {
                    assertThat(context.getBean("duckdb", DuckDbIOManager.class).file())
                            .isEqualTo(dir.resolve("x/w.duckdb"));
                    assertThat(context).doesNotHaveBean("parquet");
                });
    }

    @Test
    void aBadSettingIsNamed() {
        runner.withPropertyValues("peloton.duckdb.max-list-rows=0").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("peloton.duckdb.max-list-rows"));
    }
}
