package dev.peloton.tdf;

import dev.peloton.runtime.PelotonProperties;
import dev.peloton.tdf.generate.GenerationSummary;
import dev.peloton.tdf.generate.TdfGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The example's source data, generated while the context starts, so no run can read half-written data. The
 * assets are stored by the runtime's {@code duckdb} IO manager, in {@code <data-dir>/warehouse.duckdb}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExampleProperties.class)
public class ExampleConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ExampleConfiguration.class);

    /** The generated files, under {@code peloton.data-dir}. */
    public static final String SOURCE_DIRECTORY = "tdf-source";

    @Bean
    TdfGenerator tdfGenerator() {
        return new TdfGenerator();
    }

    /**
     * The source data, generated on first start into {@code <data-dir>/tdf-source} and schema {@code tdf_source} of
     * Peloton's own database. The generator skips what the same seed and scale already produced, so a restart
     * takes a second, not a minute.
     */
    @Bean
    @DependsOnDatabaseInitialization
    SourceGeneration sourceGeneration(PelotonProperties peloton, ExampleProperties example, DataSource dataSource,
            TdfGenerator generator) {
        if (!example.generate()) {
            return new SourceGeneration(Optional.empty(), Duration.ZERO);
        }
        Path dir = sourceDirectory(peloton);
        LOG.info("Preparing the Tour de France source data (scale '{}', seed {}) under {} and in schema"
                + " tdf_source of Peloton's database", example.scale(), example.seed(), dir);
        long started = System.nanoTime();
        GenerationSummary summary = generator.generate(dir, example.scaleDefinition(), example.seed(), dataSource);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Source data ready in {} s: {} riders with GPS data, {} race points over {} race days ({} loaded"
                        + " now, {} kept from an earlier start)", elapsed.toMillis() / 1000.0,
                summary.plan().ridersWithData().size(), summary.plan().totalRows(), summary.raceDays().size(),
                summary.daysLoaded().size(), summary.daysSkipped().size());
        return new SourceGeneration(Optional.of(summary), elapsed);
    }

    /** Where the sources are; depends on {@link #sourceGeneration}, so no asset reads half-generated data. */
    @Bean
    ExampleData exampleData(PelotonProperties peloton, ExampleProperties example, DataSource dataSource,
            TdfGenerator generator, SourceGeneration generation) {
        return new ExampleData(sourceDirectory(peloton), example.scaleDefinition(), example.seed(), dataSource,
                generator.calendar());
    }

    private static Path sourceDirectory(PelotonProperties peloton) {
        return peloton.dataDir().resolve(SOURCE_DIRECTORY).toAbsolutePath().normalize();
    }
}
