package dev.peloton.runtime.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** The Spring wiring: annotated sensors, failure alerts by webhook, declaration errors at start. */
@ExtendWith(EmbeddedPostgresExtension.class)
class AutomationAutoConfigurationTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        TourAssets tourAssets() {
            return new TourAssets();
        }

        @Sensor(name = "always_summary", intervalSeconds = 1)
        SensorResult alwaysSummary(SensorContext context) {
            return SensorResult.builder().run("only-once", RunRequest.of("race/summary")).cursor("seen").build();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class BadCronApp {
        @Schedule(cron = "0 0 22 * * MON-FUNDAY", selection = "race/summary")
        TickDecision weekly(ScheduleTick tick) {
            return tick.defaultDecision();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class BadSignatureApp {
        @Schedule(cron = "0 0 22 * * ?", selection = "race/summary")
        String weekly() {
            return "no";
        }
    }

    private final TestDatabase db;
    private HttpServer server;
    private final Queue<String> received = new ConcurrentLinkedQueue<>();

    AutomationAutoConfigurationTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws Exception {
        db.truncate("ticks", "instigator_state", "run_keys", "runs", "qrtz_fired_triggers", "qrtz_simple_triggers",
                "qrtz_cron_triggers", "qrtz_triggers", "qrtz_job_details", "qrtz_scheduler_state", "qrtz_locks");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alerts", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private ConfigurableApplicationContext start(Class<?> app, Map<String, Object> extra) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of("spring.datasource.url", db.jdbcUrl(),
                "spring.main.banner-mode", "off"));
        properties.putAll(extra);
        return new SpringApplicationBuilder(app).web(WebApplicationType.NONE).properties(properties).run();
    }

    @Test
    void annotatedSensorsRunAndFailedRunsAreAlertedByWebhook() {
        try (ConfigurableApplicationContext context = start(App.class, Map.of(
                "peloton.alerts.webhook-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts",
                "peloton.alerts.link-base-url", "https://peloton.example.org",
                "peloton.alerts.interval-seconds", "1"))) {
            AutomationService service = context.getBean(AutomationService.class);
            assertThat(service.sensors()).extracting(InstigatorStatus::name)
                    .containsExactly("always_summary", AutomationAutoConfiguration.FAILURE_SENSOR);
            assertThat(service.sensors()).allSatisfy(s -> assertThat(s.intervalSeconds()).isEqualTo(1));

            // The annotated sensor asks for the same run key every second: one run, then skipped ticks.
            await().atMost(Duration.ofSeconds(30)).until(() -> db.jdbc().queryForObject(
                    "SELECT count(*) FROM ticks WHERE name = 'always_summary' AND status = 'SKIPPED'",
                    Integer.class) >= 2);
            assertThat(db.jdbc().queryForObject("SELECT count(*) FROM runs WHERE tags->>'peloton/sensor' ="
                    + " 'always_summary'", Integer.class)).isEqualTo(1);
            assertThat(service.sensors().getFirst().cursor()).isEqualTo("seen");

            String failed = AutomationFixtures.failedRun(context.getBean(RunStorage.class), "no finish line");
            await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().anyMatch(b -> b.contains(failed)));
            assertThat(received).singleElement().satisfies(body -> assertThat(body)
                    .contains("\"error\":\"no finish line\"")
                    .contains("\"link\":\"https://peloton.example.org/runs/" + failed + "\"")
                    .contains("\"selection\":[\"race/summary\"]"));
        }
    }

    /** The {@link InvalidAutomationException} that stopped the start, wherever Spring wrapped it. */
    private InvalidAutomationException startFailure(Class<?> app) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> start(app, Map.of()).close());
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof InvalidAutomationException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("The start did not fail with an InvalidAutomationException", thrown);
    }

    @Test
    void aBadCronExpressionStopsTheStartNamingTheScheduleAndMethod() {
        assertThat(startFailure(BadCronApp.class))
                .hasMessageContaining("Schedule 'weekly'")
                .hasMessageContaining("0 0 22 * * MON-FUNDAY")
                .hasMessageContaining(BadCronApp.class.getName() + ".weekly");
    }

    @Test
    void aScheduleMethodWithTheWrongSignatureIsAClearError() {
        assertThat(startFailure(BadSignatureApp.class))
                .hasMessageContaining(BadSignatureApp.class.getName() + ".weekly")
                .hasMessageContaining("must take a ScheduleTick");
    }
}
