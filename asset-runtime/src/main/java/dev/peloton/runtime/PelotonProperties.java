package dev.peloton.runtime;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Peloton's settings, under {@code peloton.*}.
 *
 * @param dataDir          where Peloton keeps its files; the embedded PostgreSQL keeps its data in
 *                         {@code <data-dir>/postgres}, so history survives a restart
 * @param embeddedPostgres the PostgreSQL server started when no {@code spring.datasource.url} is set
 * @param events           the event log
 */
@ConfigurationProperties("peloton")
public record PelotonProperties(
        @DefaultValue("./peloton-data") Path dataDir,
        @DefaultValue EmbeddedPostgres embeddedPostgres,
        @DefaultValue Events events) {

    /**
     * @param enabled  start an embedded server when no {@code spring.datasource.url} is set; when false and no
     *                 URL is set, Spring Boot's own data source configuration applies
     * @param port     its port; 0 picks a free one at each start
     * @param database the database Peloton uses on it (created on first start)
     */
    public record EmbeddedPostgres(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0") int port,
            @DefaultValue("peloton") String database) {

        public EmbeddedPostgres {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("peloton.embedded-postgres.port must be between 0 and 65535,"
                        + " got " + port);
            }
            if (database == null || !database.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("peloton.embedded-postgres.database must be a lower-case"
                        + " PostgreSQL identifier ([a-z_][a-z0-9_]*, at most 63 characters), got '" + database + "'");
            }
        }
    }

    /**
     * @param retentionDays events older than this many days are deleted, hourly; 0 keeps them forever.
     *                      Materializations, check results and runs are never deleted.
     */
    public record Events(@DefaultValue("0") int retentionDays) {
        public Events {
            if (retentionDays < 0) {
                throw new IllegalArgumentException("peloton.events.retention-days must be 0 (keep forever) or"
                        + " more, got " + retentionDays);
            }
        }
    }
}
