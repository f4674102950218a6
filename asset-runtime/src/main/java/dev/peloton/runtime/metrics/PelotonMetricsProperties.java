package dev.peloton.runtime.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of Peloton's metrics, under {@code peloton.metrics.*}.
 *
 * @param refreshInterval how often the gauges read from the database (runs per status, queue, backfills) are
 *                        refreshed; scrapes in between see the last values
 * @param maxBackfills    at most this many active backfills get progress gauges (the newest first)
 */
@ConfigurationProperties("peloton.metrics")
public record PelotonMetricsProperties(
        @DefaultValue("5s") Duration refreshInterval,
        @DefaultValue("50") int maxBackfills) {
}
