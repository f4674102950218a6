package dev.peloton.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts {@link ApiTestApplication} on a random port with Peloton's embedded PostgreSQL (a fresh data directory
 * under {@code target/}), no workers and no backfill daemon, so queued runs stay queued and backfills stay
 * REQUESTED, and Quartz registered but not started, so schedules and sensors tick only when a test ticks them;
 * calls it over real HTTP. The context is shared by every API test class. A backfill may start at most
 * 50,000 runs here, so that the limit is reachable.
 */
@SpringBootTest(classes = ApiTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"peloton.workers.enabled=false", "peloton.backfills.daemon-enabled=false",
                "peloton.backfills.max-runs=50000", "spring.main.banner-mode=off",
                "spring.quartz.auto-startup=false"})
abstract class ApiTestSupport {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("peloton.data-dir",
                () -> Path.of("target", "api-test-data", UUID.randomUUID().toString()).toAbsolutePath().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    record Answer(int status, String contentType, String body, JsonNode json) {
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode node = null;
            if (type.contains("json") && !r.body().isEmpty()) {
                node = json.readTree(r.body());
            }
            return new Answer(r.statusCode(), type, r.body(), node);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts a problem detail with this status whose detail contains every fragment. */
    static JsonNode assertProblem(Answer a, int status, String... fragments) {
        assertThat(a.status()).as("status of %s", a.body()).isEqualTo(status);
        assertThat(a.contentType()).as(a.body()).startsWith("application/problem+json");
        assertThat(a.json().get("status").intValue()).isEqualTo(status);
        String detail = a.json().get("detail").stringValue();
        for (String f : fragments) {
            assertThat(detail).as("detail of %s", a.body()).contains(f);
        }
        return a.json();
    }

    /**
     * Row counts of the tables a client must never change by mistake, and how many schedules and sensors are on
     * (turning one off changes no count).
     */
    String tableCounts() {
        return jdbc.queryForObject("SELECT (SELECT count(*) FROM runs) || '/' || (SELECT count(*) FROM event_log)"
                + " || '/' || (SELECT count(*) FROM asset_partition_state) || '/' || (SELECT count(*) FROM"
                + " materializations) || '/' || (SELECT count(*) FROM steps) || '/' || (SELECT count(*) FROM backfills)"
                + " || '/' || (SELECT count(*) FROM ticks) || '/' || (SELECT count(*) FROM instigator_state)"
                + " || '/' || (SELECT count(*) FROM instigator_state WHERE status = 'RUNNING')"
                + " || '/' || (SELECT count(*) FROM run_keys)",
                String.class);
    }
}
