package dev.peloton.runtime.api;

import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.runtime.PelotonStorageAutoConfiguration;
import dev.peloton.runtime.automation.AutomationAutoConfiguration;
import dev.peloton.runtime.automation.AutomationService;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.backfill.PelotonBackfillAutoConfiguration;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.MaterializationHistory;
import dev.peloton.runtime.storage.RunStorage;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API under {@code /api}: its services (which the UI reuses), controllers, error handling as problem
 * details, and the OpenAPI document at {@code /api/openapi.json}. Active in a servlet web application that has an
 * {@link AssetGraph} bean.
 */
@AutoConfiguration(after = {PelotonStorageAutoConfiguration.class, dev.peloton.runtime.engine.PelotonEngineAutoConfiguration.class,
        PelotonBackfillAutoConfiguration.class, AutomationAutoConfiguration.class},
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(AssetGraph.class)
@Import({AssetController.class, LineageController.class, MaterializeController.class, RunController.class,
        BackfillController.class, AutomationController.class, ApiExceptionHandler.class,
        ApiFallbackExceptionHandler.class})
@PropertySource("classpath:dev/peloton/runtime/api/api-defaults.properties")
public class PelotonApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    MaterializationHistory pelotonMaterializationHistory(DataSource dataSource) {
        return new MaterializationHistory(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    AssetService pelotonAssetService(AssetGraph graph, AssetStateStorage state, MaterializationHistory history) {
        return new AssetService(graph, state, history);
    }

    @Bean
    @ConditionalOnMissingBean
    LineageService pelotonLineageService(AssetService assets) {
        return new LineageService(assets);
    }

    @Bean
    @ConditionalOnMissingBean
    RunService pelotonRunService(RunStorage runs, EventStorage events, ObjectProvider<RunCoordinator> coordinator,
            JsonMapper json) {
        return new RunService(runs, events, coordinator, json);
    }

    @Bean
    @ConditionalOnMissingBean
    MaterializeService pelotonMaterializeService(AssetGraph graph, AssetStateStorage state,
            ObjectProvider<RunCoordinator> coordinator, RunService runs) {
        return new MaterializeService(graph, state, coordinator, runs);
    }

    @Bean
    @ConditionalOnMissingBean
    BackfillApiService pelotonBackfillApiService(AssetGraph graph, ObjectProvider<BackfillService> backfills) {
        return new BackfillApiService(graph, backfills);
    }

    @Bean
    @ConditionalOnMissingBean
    AutomationApiService pelotonAutomationApiService(ObjectProvider<AutomationService> automation) {
        return new AutomationApiService(automation);
    }

    @Bean
    @ConditionalOnMissingBean
    RunEventStreams pelotonRunEventStreams(RunService runs) {
        return new RunEventStreams(runs, Duration.ofMillis(200), Duration.ofMinutes(30));
    }
}
