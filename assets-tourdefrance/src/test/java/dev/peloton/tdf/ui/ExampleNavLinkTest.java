package dev.peloton.tdf.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The example contributes "Race dashboard" to the UI's top bar (a {@code UiNavLink} bean): it shows on Peloton's
 * pages and on the dashboard's own, after Peloton's links. (The UI's own tests check that an application without
 * such a bean gets no extra link.)
 */
class ExampleNavLinkTest extends ExampleUiTestSupport {

    static final String LINK = "<a class=\"app-link\" href=\"/tdf\">Race dashboard</a>";

    @ParameterizedTest
    @ValueSource(strings = {"/assets", "/assets/marts/stage_results", "/runs", "/backfills/new", "/schedules",
        "/tdf"})
    void theTopBarLeadsToTheRaceDashboard(String path) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(path).with(user("viewer").roles("VIEWER"))).andReturn()
                .getResponse();
        String body = r.getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getStatus()).as("%s: %s", path, body).isEqualTo(200);
        assertThat(body).as(path).contains(LINK);
        assertThat(body.indexOf(LINK)).as("after Peloton's own links, on %s", path)
                .isGreaterThan(body.indexOf("href=\"/schedules\">Schedules</a>"));
    }
}
