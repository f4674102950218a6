package dev.peloton.runtime.automation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Quartz settings Peloton needs, as defaults (any of them can be overridden in {@code application.properties}):
 * the clustered JDBC job store on the application's PostgreSQL, whose tables the V7 migration created.
 */
public final class QuartzDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "pelotonQuartzDefaults";
    private static final String Q = "spring.quartz.properties.org.quartz.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.quartz.job-store-type", "jdbc");
        defaults.put("spring.quartz.jdbc.initialize-schema", "never");
        defaults.put("spring.quartz.scheduler-name", "peloton");
        // A tick in progress finishes before the data source closes.
        defaults.put("spring.quartz.wait-for-jobs-to-complete-on-shutdown", "true");
        defaults.put(Q + "scheduler.instanceId", "AUTO");
        defaults.put(Q + "jobStore.isClustered", "true");
        defaults.put(Q + "jobStore.clusterCheckinInterval", "5000");
        defaults.put(Q + "jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        defaults.put(Q + "jobStore.tablePrefix", "QRTZ_");
        defaults.put(Q + "threadPool.threadCount", "4");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
}
