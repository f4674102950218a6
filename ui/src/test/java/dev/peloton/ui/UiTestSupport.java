package dev.peloton.ui;

import static org.awaitility.Awaitility.await;

import dev.peloton.ui.testapp.UiTestApplication;
import dev.peloton.ui.testing.TestUsers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Starts {@link UiTestApplication} on a random port with Peloton's embedded PostgreSQL (a fresh data directory
 * under {@code target/}), a worker, and three users, one per role ({@link TestUsers}). Shared by the UI tests.
 */
@SpringBootTest(classes = UiTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.banner-mode=off", TestUsers.PROPERTIES})
@AutoConfigureMockMvc
public abstract class UiTestSupport {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("peloton.data-dir",
                () -> Path.of("target", "ui-test-data", UUID.randomUUID().toString()).toAbsolutePath().toString());
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected JdbcTemplate jdbc;

    /**
     * Row counts of the tables a bad request must not change, once the runs other tests of the shared context
     * queued have ended (a run still writing its events would change the counts under the test's feet).
     */
    protected String tableCounts() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM runs WHERE status IN ('QUEUED', 'STARTING', 'RUNNING', 'CANCELING')",
                Long.class) == 0);
        return jdbc.queryForObject("SELECT (SELECT count(*) FROM runs) || '/' || (SELECT count(*) FROM event_log)"
                + " || '/' || (SELECT count(*) FROM materializations)", String.class);
    }
}
