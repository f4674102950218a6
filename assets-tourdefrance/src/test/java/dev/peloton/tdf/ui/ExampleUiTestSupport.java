package dev.peloton.tdf.ui;

import dev.peloton.tdf.TourDeFranceApplication;
import dev.peloton.ui.testing.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The example as a user starts it, at the tiny scale, on a random port with the web UI and three configured users,
 * one per role ({@link TestUsers}); nothing materialized at start. The UI tests of the example extend it, so
 * they share one Spring context (and one generated data set).
 */
@SpringBootTest(classes = TourDeFranceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"peloton.example.scale=tiny",
            // The schedule and sensors stay off, so every run in these tests is one the test started.
            "peloton.example.automation.default-on=false",
            // A backfill is seen to end within a second rather than five.
            "peloton.backfill.poll-interval=1s",
            TestUsers.PROPERTIES})
@AutoConfigureMockMvc
abstract class ExampleUiTestSupport {

    static final String PASSWORD = TestUsers.PASSWORD;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("peloton.data-dir", () -> {
            try {
                Files.createDirectories(Path.of("target"));
                return Files.createTempDirectory(Path.of("target"), "ui-data-").toAbsolutePath().toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    /** Runs and backfills stored: what a refused request must leave as it was. */
    String queued() {
        return jdbc.queryForObject("SELECT (SELECT count(*) FROM runs) || ' runs, ' || (SELECT count(*) FROM backfills)"
                + " || ' backfills'", String.class);
    }
}
