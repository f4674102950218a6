package dev.peloton.runtime.automation;

import dev.peloton.runtime.storage.RunStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs a JSON message to a webhook for each failed run it is told about, asynchronously: the caller (a sensor
 * tick or a worker) never waits for the network. A message that fails (an I/O error or a non-2xx answer) is
 * retried with a doubling delay, up to {@code maxAttempts} attempts, then dropped with a warning.
 *
 * <pre>{@code {"runId": "...", "status": "FAILURE", "selection": ["a/b"], "error": "...",
 *  "endedAt": "2023-07-04T20:00:00Z", "link": "http://localhost:8080/runs/..."}}</pre>
 */
public final class WebhookAlerter implements RunFinishedListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlerter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final URI url;
    private final String linkBase;
    private final int maxAttempts;
    private final Duration retryDelay;

    public WebhookAlerter(HttpClient client, URI url, String linkBaseUrl, int maxAttempts, Duration retryDelay) {
        this.client = client;
        this.url = url;
        this.linkBase = linkBaseUrl.endsWith("/") ? linkBaseUrl.substring(0, linkBaseUrl.length() - 1) : linkBaseUrl;
        this.maxAttempts = maxAttempts;
        this.retryDelay = retryDelay;
    }

    public static WebhookAlerter of(AlertProperties properties) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return new WebhookAlerter(client, properties.webhookUrl(), properties.linkBaseUrl(),
                properties.maxAttempts(), properties.retryDelay());
    }

    @Override
    public void runFinished(FinishedRun run) {
        if (run.status() != RunStatus.FAILURE) {
            return;
        }
        send(message(run), run.runId());
    }

    /** Sends and retries in the background; the future completes with the final HTTP status, or -1. */
    public CompletableFuture<Integer> send(String json, String runId) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return attempt(request, runId, 1);
    }

    private CompletableFuture<Integer> attempt(HttpRequest request, String runId, int attempt) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error == null && response.statusCode() / 100 == 2) {
                        return CompletableFuture.completedFuture(response.statusCode());
                    }
                    String why = error != null ? error.toString() : "HTTP " + response.statusCode();
                    if (attempt >= maxAttempts) {
                        LOG.warn("Failure alert for run {} not delivered to {} after {} attempts: {}", runId, url,
                                attempt, why);
                        return CompletableFuture.completedFuture(error != null ? -1 : response.statusCode());
                    }
                    long delay = retryDelay.toMillis() << (attempt - 1);
                    LOG.info("Failure alert for run {} to {} failed ({}), retrying in {} ms", runId, url, why, delay);
                    return CompletableFuture.supplyAsync(() -> null,
                                    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> attempt(request, runId, attempt + 1));
                })
                .thenCompose(f -> f);
    }

    String message(FinishedRun run) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", run.runId());
        body.put("status", run.status().name());
        body.put("selection", run.selection());
        body.put("error", run.error());
        body.put("endedAt", run.endedAt() == null ? null : run.endedAt().toString());
        body.put("link", linkBase + "/runs/" + run.runId());
        body.put("tags", run.tags());
        return JSON.writeValueAsString(body);
    }
}
