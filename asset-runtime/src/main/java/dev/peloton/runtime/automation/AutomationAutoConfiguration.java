package dev.peloton.runtime.automation;

import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.PelotonStorageAutoConfiguration;
import dev.peloton.runtime.engine.PelotonEngineAutoConfiguration;
import dev.peloton.runtime.run.RunCoordinator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Schedules and sensors: the {@link AutomationEngine} on Peloton's database and Quartz's clustered scheduler
 * (Quartz's settings come from {@link QuartzDefaults}), the {@link AutomationService}, and failure alerts by
 * webhook when {@code peloton.alerts.webhook-url} is set. Switch everything off with
 * {@code peloton.automation.enabled=false}.
 */
@AutoConfiguration(after = {PelotonStorageAutoConfiguration.class, PelotonEngineAutoConfiguration.class,
        QuartzAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "peloton.automation.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AlertProperties.class)
public class AutomationAutoConfiguration {

    /** The name of the built-in sensor that hands failed runs to the {@link RunFinishedListener}s. */
    public static final String FAILURE_SENSOR = "peloton_run_failure_alerts";
    /** The bean name of Boot's {@code SchedulerFactoryBean}. */
    private static final String QUARTZ_SCHEDULER = "quartzScheduler";

    /**
     * Boot hands the data source to Quartz through a customizer, so Spring does not know the scheduler uses it
     * and may close the pool first on shutdown: a tick in progress then retries its last write forever. Declaring
     * the dependency makes the scheduler stop (waiting for its jobs) before the pool closes.
     */
    @Bean
    static BeanFactoryPostProcessor pelotonQuartzStopsBeforeTheDataSource() {
        return beans -> {
            if (!beans.containsBeanDefinition(QUARTZ_SCHEDULER)) {
                return;
            }
            BeanDefinition scheduler = beans.getBeanDefinition(QUARTZ_SCHEDULER);
            Set<String> dependsOn = new LinkedHashSet<>();
            if (scheduler.getDependsOn() != null) {
                dependsOn.addAll(Arrays.asList(scheduler.getDependsOn()));
            }
            dependsOn.addAll(Arrays.asList(beans.getBeanNamesForType(DataSource.class, true, false)));
            scheduler.setDependsOn(dependsOn.toArray(String[]::new));
        };
    }

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    AutomationEngine pelotonAutomationEngine(DataSource dataSource, ObjectProvider<RunCoordinator> coordinator,
            ObjectProvider<AssetGraph> graph) {
        AssetGraph g = graph.getIfAvailable();
        return new AutomationEngine(dataSource, coordinator::getIfAvailable,
                g == null ? SelectionPartitions.none() : SelectionPartitions.from(g), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    AutomationService pelotonAutomationService(AutomationEngine engine) {
        return new AutomationService(engine);
    }

    @Bean
    @ConditionalOnProperty("peloton.alerts.webhook-url")
    WebhookAlerter pelotonWebhookAlerter(AlertProperties properties) {
        return WebhookAlerter.of(properties);
    }

    /**
     * Registers the definitions once every bean exists (the {@code @Schedule} methods live on any bean), before
     * Quartz starts firing: the scheduler starts in the last lifecycle phase.
     */
    @Bean
    SmartLifecycle pelotonAutomationStarter(AutomationEngine engine, Scheduler scheduler,
            ConfigurableListableBeanFactory beans, ObjectProvider<ScheduleDefinition> schedules,
            ObjectProvider<SensorDefinition> sensors, ObjectProvider<RunFinishedListener> listeners,
            AlertProperties alerts) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                AnnotatedDefinitions annotated = AnnotatedDefinitions.scan(beans);
                List<ScheduleDefinition> allSchedules = new ArrayList<>(schedules.orderedStream().toList());
                allSchedules.addAll(annotated.schedules);
                List<SensorDefinition> allSensors = new ArrayList<>(sensors.orderedStream().toList());
                allSensors.addAll(annotated.sensors);
                List<RunFinishedListener> finished = listeners.orderedStream().toList();
                if (!finished.isEmpty()) {
                    allSensors.add(RunStatusSensors.onFailure(FAILURE_SENSOR, alerts.intervalSeconds(),
                            run -> finished.forEach(l -> l.runFinished(run))));
                }
                engine.start(scheduler, allSchedules, allSensors);
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // Before SchedulerFactoryBean (Integer.MAX_VALUE) starts the scheduler.
                return Integer.MAX_VALUE - 1_000;
            }
        };
    }
}
