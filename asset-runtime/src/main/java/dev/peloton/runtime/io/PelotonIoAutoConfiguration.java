package dev.peloton.runtime.io;

import dev.peloton.core.IOManager;
import dev.peloton.runtime.PelotonProperties;
import dev.peloton.runtime.io.duckdb.DuckDbIOManager;
import dev.peloton.runtime.io.parquet.ParquetIOManager;
import java.nio.file.Path;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The built-in IO managers as beans named as assets refer to them ({@code @Asset(ioManager = "duckdb")}):
 * {@code duckdb} (one DuckDB file) and {@code parquet} (a directory of Parquet files), plus the
 * {@link TablePreviewService} over every {@link IOManager} bean. Neither touches the disk before its first use.
 */
@AutoConfiguration
@EnableConfigurationProperties({PelotonProperties.class, DuckDbProperties.class, ParquetProperties.class})
public class PelotonIoAutoConfiguration {

    @Bean(name = "duckdb", destroyMethod = "close")
    @ConditionalOnMissingBean(name = "duckdb")
    @ConditionalOnProperty(name = "peloton.duckdb.enabled", matchIfMissing = true)
    DuckDbIOManager duckdb(PelotonProperties peloton, DuckDbProperties properties) {
        Path path = properties.path() != null ? properties.path() : peloton.dataDir().resolve("warehouse.duckdb");
        return new DuckDbIOManager(path, properties.maxListRows(), properties.settings());
    }

    @Bean(name = "parquet", destroyMethod = "close")
    @ConditionalOnMissingBean(name = "parquet")
    @ConditionalOnProperty(name = "peloton.parquet.enabled", matchIfMissing = true)
    ParquetIOManager parquet(PelotonProperties peloton, ParquetProperties properties) {
        Path root = properties.root() != null ? properties.root() : peloton.dataDir().resolve("lake");
        return new ParquetIOManager(root, properties.maxListRows());
    }

    @Bean
    @ConditionalOnMissingBean
    TablePreviewService pelotonTablePreviewService(ListableBeanFactory beans) {
        return new TablePreviewService(beans.getBeansOfType(IOManager.class));
    }
}
