package dev.peloton.ui;

import dev.peloton.ui.testapp.UiTestApplication;
import java.nio.file.Path;
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
 * under {@code target/}), a worker, and three users, one per role (password {@code pw}). Shared by the UI tests.
 */
@SpringBootTest(classes = UiTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.banner-mode=off",
            "peloton.security.users[0].name=viewer", "peloton.security.users[0].password={noop}pw",
            "peloton.security.users[0].roles=VIEWER",
            "peloton.security.users[1].name=operator", "peloton.security.users[1].password={noop}pw",
            "peloton.security.users[1].roles=OPERATOR",
            "peloton.security.users[2].name=admin", "peloton.security.users[2].password={noop}pw",
            "peloton.security.users[2].roles=ADMIN"})
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

    /** Row counts of the tables a bad request must not change. */
    protected String tableCounts() {
        return jdbc.queryForObject("SELECT (SELECT count(*) FROM runs) || '/' || (SELECT count(*) FROM event_log)"
                + " || '/' || (SELECT count(*) FROM materializations)", String.class);
    }
}
