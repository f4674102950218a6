package dev.peloton.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers;
import org.springframework.test.web.servlet.MvcResult;

/** Who may do what: login, roles on the UI and the API, CSRF on browser requests, Basic auth for scripts. */
class SecurityTest extends UiTestSupport {

    @Autowired
    UserDetailsService users;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> api(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":pw")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anonymousIsSentToTheLoginPage() throws Exception {
        for (String page : new String[] {"/assets", "/assets/raw/stages", "/runs", "/lineage", "/backfills",
            "/backfills/new", "/schedules", "/sensors/inbox_watch", "/assets/tables/riders/preview"}) {
            MvcResult r = mvc.perform(get(page)).andExpect(status().is3xxRedirection()).andReturn();
            assertThat(r.getResponse().getRedirectedUrl()).as(page).endsWith("/login");
        }
        String login = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(login).contains("name=\"username\"").contains("name=\"_csrf\"");
    }

    @Test
    void formLoginWithTheRightPasswordOnly() throws Exception {
        mvc.perform(formLogin("/login").user("operator").password("pw"))
                .andExpect(SecurityMockMvcResultMatchers.authenticated().withUsername("operator")
                        .withRoles("OPERATOR", "VIEWER"));
        mvc.perform(formLogin("/login").user("operator").password("wrong"))
                .andExpect(SecurityMockMvcResultMatchers.unauthenticated())
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void apiTakesBasicAuthAndEnforcesRoles() throws Exception {
        assertThat(api("GET", "/api/assets", null, null).statusCode()).isEqualTo(401);
        assertThat(api("GET", "/api/assets", "nobody", null).statusCode()).isEqualTo(401);
        HttpResponse<String> list = api("GET", "/api/assets", "viewer", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("raw/stages");

        String before = tableCounts();
        String plan = """
                {"selection": "raw/stages", "partitions": {"keys": ["2023-07-02"]}}""";
        assertThat(api("POST", "/api/plan", "viewer", plan).statusCode()).isEqualTo(403);
        assertThat(api("POST", "/api/materialize", "viewer", plan).statusCode()).isEqualTo(403);
        assertThat(tableCounts()).isEqualTo(before);
        // No CSRF token needed for Basic-authenticated API calls.
        assertThat(api("POST", "/api/plan", "operator", plan).statusCode()).isEqualTo(200);
        assertThat(api("POST", "/api/plan", "admin", plan).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrowserSessionDoesNotAuthenticateApiCalls() throws Exception {
        // The API chain is stateless: only Basic credentials count, so CSRF cannot be abused through it.
        mvc.perform(post("/api/plan").contentType("application/json").content("{\"selection\":\"raw/stages\"}")
                        .with(user(users.loadUserByUsername("operator"))).sessionAttr("x", "y"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/plan").contentType("application/json").content("{\"selection\":\"raw/stages\"}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void uiPostsNeedACsrfTokenAndTheOperatorRole() throws Exception {
        String before = tableCounts();
        mvc.perform(post("/materialize").param("asset", "raw/stages").param("partitions", "2023-07-01")
                        .with(user(users.loadUserByUsername("operator"))))
                .andExpect(status().isForbidden());
        mvc.perform(post("/materialize").param("asset", "raw/stages").param("partitions", "2023-07-01")
                        .with(user(users.loadUserByUsername("viewer"))).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/materialize/plan").param("asset", "raw/stages")
                        .with(user(users.loadUserByUsername("viewer"))).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(tableCounts()).isEqualTo(before);
        mvc.perform(post("/materialize/plan").param("asset", "raw/stages").param("partitions", "2023-07-01")
                        .with(user(users.loadUserByUsername("operator"))).with(csrf()))
                .andExpect(status().isOk());
    }

    @Test
    void healthAndStaticResourcesArePublic() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        // Public: never a redirect to the login page nor a 401 (without Actuator the path is simply absent).
        assertThat(health.statusCode()).isIn(200, 404);
        assertThat(health.headers().firstValue("Location")).isEmpty();
        HttpResponse<String> css = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/peloton/peloton.css")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(css.statusCode()).isEqualTo(200);
        HttpResponse<String> htmx = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/webjars/htmx.org/dist/htmx.min.js")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
    }
}
