package dev.peloton.runtime.backfill;

import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.PelotonStorageAutoConfiguration;
import dev.peloton.runtime.engine.PelotonEngineAutoConfiguration;
import dev.peloton.runtime.run.RunCoordinator;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * Backfills inside Spring: the {@link BackfillService} and this node's {@link BackfillDaemon}, a lifecycle bean
 * that starts with the context and stops with it. The daemon is off with
 * {@code peloton.backfills.daemon-enabled=false}; a test may supply a {@link BackfillDaemon.BatchListener} bean.
 */
// After DataSourceAutoConfiguration too: with spring.datasource.url (an external server) the data source is Spring
// Boot's, and the condition below must see it.
@AutoConfiguration(after = {PelotonStorageAutoConfiguration.class, PelotonEngineAutoConfiguration.class,
        DataSourceAutoConfiguration.class})
@ConditionalOnBean({DataSource.class, AssetGraph.class, RunCoordinator.class})
@EnableConfigurationProperties(BackfillProperties.class)
public class PelotonBackfillAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    BackfillService pelotonBackfillService(DataSource dataSource, AssetGraph graph, RunCoordinator coordinator,
            BackfillProperties properties) {
        return new BackfillService(dataSource, graph, coordinator, properties.limits());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "peloton.backfills.daemon-enabled", matchIfMissing = true)
    @DependsOnDatabaseInitialization
    BackfillDaemon pelotonBackfillDaemon(DataSource dataSource, AssetGraph graph, RunCoordinator coordinator,
            BackfillService service, BackfillProperties properties,
            ObjectProvider<BackfillDaemon.BatchListener> listener) {
        return new BackfillDaemon(dataSource, graph, coordinator, service, properties.batchSize(),
                listener.getIfAvailable(), properties.pollInterval());
    }
}
