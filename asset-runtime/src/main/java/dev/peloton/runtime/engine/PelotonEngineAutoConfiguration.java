package dev.peloton.runtime.engine;

import dev.peloton.core.IOManager;
import dev.peloton.core.engine.discovery.AssetDiscovery;
import dev.peloton.core.engine.discovery.Definitions;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.runtime.PelotonStorageAutoConfiguration;
import dev.peloton.runtime.run.DefaultRunCoordinator;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.worker.PostgresPoolLimiter;
import dev.peloton.runtime.worker.RunWorker;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.CheckDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine inside Spring: the asset graph discovered from the application's beans, the IO managers and
 * resources, run admission ({@link RunCoordinator}) and this node's {@link RunWorker}.
 *
 * <p>Every bean has {@code @ConditionalOnMissingBean}, so a test or an application can supply its own graph,
 * registry or coordinator.
 */
@AutoConfiguration(after = PelotonStorageAutoConfiguration.class)
@EnableConfigurationProperties(PelotonEngineProperties.class)
public class PelotonEngineAutoConfiguration {

    /** Every {@code IOManager} bean, by bean name; {@code default} falls back to an in-memory one. */
    @Bean
    @ConditionalOnMissingBean
    IOManagerRegistry pelotonIoManagers(ListableBeanFactory beans) {
        return IOManagerRegistry.of(beans.getBeansOfType(IOManager.class));
    }

    /**
     * The graph of the {@code @Asset}, {@code @MultiAsset} and {@code @AssetCheck} methods of the application's
     * beans, plus the definitions of every {@link ProgrammaticAssets} bean, validated with its IO managers. An
     * invalid graph stops the start with every problem listed.
     */
    @Bean
    @ConditionalOnMissingBean
    AssetGraph pelotonAssetGraph(ListableBeanFactory beans, IOManagerRegistry ioManagers,
            ObjectProvider<ProgrammaticAssets> programmatic) {
        Definitions discovered = new AssetDiscovery().discover(AssetBeans.find(beans));
        List<AssetDefinition> assets = new ArrayList<>(discovered.assets());
        List<CheckDefinition> checks = new ArrayList<>(discovered.checks());
        programmatic.orderedStream().forEach(p -> {
            assets.addAll(p.assets());
            checks.addAll(p.checks());
        });
        Definitions definitions = new Definitions(assets, checks, discovered.partitions());
        Map<String, IOManager> byName = new LinkedHashMap<>();
        for (String name : ioManagers.names()) {
            byName.put(name, ioManagers.get(name));
        }
        return definitions.toGraph(byName);
    }

    @Bean
    @ConditionalOnMissingBean
    PelotonResources pelotonResources(ListableBeanFactory beans, PelotonEngineProperties properties) {
        Map<String, Object> resources = new LinkedHashMap<>();
        for (String beanName : beans.getBeanNamesForAnnotation(PelotonResource.class)) {
            PelotonResource annotation = beans.findAnnotationOnBean(beanName, PelotonResource.class);
            String name = annotation == null || annotation.value().isBlank() ? beanName : annotation.value();
            Object previous = resources.put(name, beans.getBean(beanName));
            if (previous != null) {
                throw new IllegalStateException("Two beans are the @PelotonResource '" + name + "'; the second is '"
                        + beanName + "'");
            }
        }
        properties.resources().forEach((name, beanName) -> {
            try {
                resources.put(name, beans.getBean(beanName));
            } catch (NoSuchBeanDefinitionException e) {
                throw new IllegalStateException("peloton.resources." + name + " names the bean '" + beanName
                        + "', which does not exist", e);
            }
        });
        return new PelotonResources(resources);
    }

    @Bean
    @ConditionalOnMissingBean(RunCoordinator.class)
    @DependsOnDatabaseInitialization
    DefaultRunCoordinator pelotonRunCoordinator(DataSource dataSource, AssetGraph graph, RunStorage runs,
            AssetStateStorage state) {
        return new DefaultRunCoordinator(dataSource, graph, runs, state);
    }

    /** This node's worker: claims queued runs and executes them. Off with {@code peloton.workers.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "peloton.workers.enabled", matchIfMissing = true)
    static class WorkerConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @DependsOnDatabaseInitialization
        PostgresPoolLimiter pelotonPoolLimiter(DataSource dataSource, PelotonEngineProperties properties) {
            return new PostgresPoolLimiter(dataSource, properties.pools());
        }

        @Bean
        @ConditionalOnMissingBean
        @DependsOnDatabaseInitialization
        RunWorker pelotonRunWorker(DataSource dataSource, AssetGraph graph, IOManagerRegistry ioManagers,
                PelotonResources resources, AssetStateStorage state, PostgresPoolLimiter pools,
                PelotonEngineProperties properties, ObjectProvider<RunWorker.Observer> observers) {
            return RunWorker.builder(dataSource, graph)
                    .ioManagers(ioManagers)
                    .resources(resources.byName())
                    .stateStorage(state)
                    .poolLimiter(pools)
                    .runs(properties.runs())
                    .workers(properties.workers())
                    .observer(RunWorker.Observer.all(observers.orderedStream().toList()))
                    .build();
        }
    }
}
