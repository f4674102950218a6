package dev.peloton.runtime;

import com.zaxxer.hikari.HikariDataSource;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.runtime.storage.RunStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Peloton's storage: a PostgreSQL data source (an embedded server under {@code peloton.data-dir} unless
 * {@code spring.datasource.url} names one), Flyway migrations (Spring Boot's Flyway auto-configuration runs
 * {@code classpath:db/migration}) and the storage beans on top.
 */
@AutoConfiguration(before = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
@EnableConfigurationProperties(PelotonProperties.class)
public class PelotonStorageAutoConfiguration {

    /** The embedded server and a pooled data source on it, when no server is configured. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(NoConfiguredDatabaseCondition.class)
    @ConditionalOnMissingBean(DataSource.class)
    static class EmbeddedPostgresConfiguration {

        @Bean(destroyMethod = "close")
        EmbeddedPostgres pelotonEmbeddedPostgres(PelotonProperties properties) {
            PelotonProperties.EmbeddedPostgres embedded = properties.embeddedPostgres();
            return EmbeddedPostgresServer.start(properties.dataDir(), embedded.port(), embedded.database());
        }

        /** Tunable like any Boot pool with {@code spring.datasource.hikari.*}. */
        @Bean
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource dataSource(EmbeddedPostgres postgres, PelotonProperties properties) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(EmbeddedPostgresServer.jdbcUrl(postgres, properties.embeddedPostgres().database()));
            dataSource.setUsername("postgres");
            dataSource.setPoolName("peloton");
            // Lets a JDBC batch travel as multi-row INSERTs (the event log appends in batches).
            dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
            return dataSource;
        }
    }

    @Bean
    @ConditionalOnMissingBean(AssetStateStorage.class)
    @DependsOnDatabaseInitialization
    PostgresAssetStateStorage pelotonAssetStateStorage(DataSource dataSource) {
        return new PostgresAssetStateStorage(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    RunStorage pelotonRunStorage(DataSource dataSource) {
        return new RunStorage(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    EventStorage pelotonEventStorage(DataSource dataSource) {
        return new EventStorage(dataSource);
    }

    @Bean
    @ConditionalOnExpression("${peloton.events.retention-days:0} > 0")
    @DependsOnDatabaseInitialization
    EventRetention pelotonEventRetention(EventStorage events, PelotonProperties properties) {
        return new EventRetention(events, Duration.ofDays(properties.events().retentionDays()), Clock.systemUTC());
    }

    /** Matches when neither {@code spring.datasource.url} is set nor the embedded server switched off. */
    static final class NoConfiguredDatabaseCondition extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment env = context.getEnvironment();
            if (StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
                return ConditionOutcome.noMatch("spring.datasource.url is set: using that PostgreSQL server");
            }
            if (!env.getProperty("peloton.embedded-postgres.enabled", Boolean.class, true)) {
                return ConditionOutcome.noMatch("peloton.embedded-postgres.enabled is false");
            }
            return ConditionOutcome.match("no spring.datasource.url: starting an embedded PostgreSQL");
        }
    }
}
