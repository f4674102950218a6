package dev.peloton.runtime.metrics;

import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.engine.PelotonEngineAutoConfiguration;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.worker.RunWorker;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Peloton's meters (see {@link PelotonMeterNames}) and the health of this node's worker. The actuator endpoints
 * {@code health}, {@code info} and {@code prometheus} are exposed over HTTP by default (see
 * {@code metrics-defaults.properties}, added by {@link dev.peloton.runtime.cli.PelotonRunListener} as the
 * lowest-precedence property source; an application's own {@code management.*} settings override them).
 */
@AutoConfiguration(after = PelotonEngineAutoConfiguration.class,
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@EnableConfigurationProperties(PelotonMetricsProperties.class)
public class PelotonMetricsAutoConfiguration {

    /** Fed by the worker: step durations, queue wait, finished runs. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MeterRegistry.class)
    WorkerMetrics pelotonWorkerMetrics(MeterRegistry registry) {
        return new WorkerMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean({DataSource.class, AssetGraph.class})
    @DependsOnDatabaseInitialization
    DatabaseGauges pelotonDatabaseGauges(DataSource dataSource, AssetGraph graph,
            ObjectProvider<BackfillService> backfills, ObjectProvider<RunCoordinator> coordinator,
            PelotonMetricsProperties properties) {
        // A backfill service bean when the application has one; otherwise one for reading progress only.
        BackfillService service = backfills.getIfAvailable(() -> {
            RunCoordinator c = coordinator.getIfAvailable();
            return c == null ? null : new BackfillService(dataSource, graph, c);
        });
        return new DatabaseGauges(dataSource, service, properties.refreshInterval(), properties.maxBackfills());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class WorkerHealthConfiguration {

        /** The {@code pelotonWorker} component of {@code /actuator/health}. */
        @Bean
        @ConditionalOnBean(RunWorker.class)
        @ConditionalOnMissingBean(name = "pelotonWorkerHealthIndicator")
        WorkerHealthIndicator pelotonWorkerHealthIndicator(RunWorker worker) {
            return new WorkerHealthIndicator(worker);
        }

        /** The {@code pelotonQuartz} component of {@code /actuator/health}. */
        @Bean
        @ConditionalOnClass(name = "org.quartz.Scheduler")
        @ConditionalOnBean(type = "org.quartz.Scheduler")
        @ConditionalOnMissingBean(name = "pelotonQuartzHealthIndicator")
        QuartzHealthIndicator pelotonQuartzHealthIndicator(org.quartz.Scheduler scheduler) {
            return new QuartzHealthIndicator(scheduler);
        }
    }
}
