package dev.peloton.runtime.automation;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Failure alerts, under {@code peloton.alerts.*}.
 *
 * @param webhookUrl      where to POST a JSON message when a run fails; no alerts when unset
 * @param linkBaseUrl     the UI's address, for the run link in the message
 * @param maxAttempts     attempts per message (the first and the retries)
 * @param retryDelay      the delay before the first retry; it doubles at each retry
 * @param intervalSeconds how often the failure sensor ({@code peloton_run_failure_alerts}) looks for failed runs
 */
@ConfigurationProperties("peloton.alerts")
public record AlertProperties(
        URI webhookUrl,
        @DefaultValue("http://localhost:8080") String linkBaseUrl,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("1s") Duration retryDelay,
        @DefaultValue("15") int intervalSeconds) {

    public AlertProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("peloton.alerts.max-attempts must be at least 1, got " + maxAttempts);
        }
        if (retryDelay == null || retryDelay.isNegative()) {
            throw new IllegalArgumentException("peloton.alerts.retry-delay must not be negative, got " + retryDelay);
        }
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("peloton.alerts.interval-seconds must be at least 1, got "
                    + intervalSeconds);
        }
        if (webhookUrl != null && !"http".equals(webhookUrl.getScheme()) && !"https".equals(webhookUrl.getScheme())) {
            throw new IllegalArgumentException("peloton.alerts.webhook-url must be an http or https URL, got "
                    + webhookUrl);
        }
    }
}
