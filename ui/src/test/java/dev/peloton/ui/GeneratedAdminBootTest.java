package dev.peloton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.ui.security.GeneratedAdminPassword;
import dev.peloton.ui.testapp.UiTestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With no users configured, the application starts with an {@code admin} user whose password is in a file. */
@SpringBootTest(classes = UiTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.banner-mode=off", "peloton.workers.enabled=false"})
class GeneratedAdminBootTest {

    static final Path DATA = Path.of("target", "ui-test-data", "admin-" + UUID.randomUUID()).toAbsolutePath();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("peloton.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;

    private int status(String user, String password) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/assets"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8))).GET().build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void adminLogsInWithThePasswordFromTheFile() throws Exception {
        Path file = DATA.resolve(GeneratedAdminPassword.CLEAR_FILE);
        assertThat(file).exists();
        String password = Files.readString(file).trim();
        assertThat(status("admin", password)).isEqualTo(200);
        assertThat(status("admin", "not-" + password)).isEqualTo(401);
    }
}
