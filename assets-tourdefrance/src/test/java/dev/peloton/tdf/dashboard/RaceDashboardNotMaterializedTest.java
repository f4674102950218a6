package dev.peloton.tdf.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The dashboard before anything is materialized: words and links to the asset pages, no error. */
@SpringBootTest(properties = {"peloton.example.scale=tiny", "peloton.example.headless=false",
        "peloton.security.users[0].name=fan", "peloton.security.users[0].password={noop}allez",
        "peloton.security.users[0].roles=VIEWER"})
@AutoConfigureMockMvc
class RaceDashboardNotMaterializedTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target"), "dashboard-empty-").toAbsolutePath();
        registry.add("peloton.data-dir", dir::toString);
    }

    @Autowired
    MockMvc mvc;

    @Test
    void theEmptyWarehouseIsExplainedWithLinksToMaterialize() throws Exception {
        MockHttpServletResponse r = mvc.perform(get("/tdf").with(user("fan").roles("VIEWER"))).andReturn()
                .getResponse();
        String html = r.getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getStatus()).as(html).isEqualTo(200);
        assertThat(html).contains("id=\"not-materialized\"", "The race marts are not materialized yet",
                "href=\"/assets/marts/stage_results\"", "href=\"/assets/marts/general_classification\"",
                "href=\"/assets/marts/team_classification\"");
        // The first race day is chosen, and no table or chart is drawn from an empty warehouse.
        assertThat(html).contains("<option value=\"2023-07-01\" selected=\"selected\">")
                .doesNotContain("class=\"stage-row\"", "<rect class=\"bar", "Exception");
    }

    @Test
    void aRaceDayIsStillValidatedBeforeAnythingIsMaterialized() throws Exception {
        MockHttpServletResponse r = mvc.perform(get("/tdf?raceDay=2023-07-17").with(user("fan").roles("VIEWER")))
                .andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("2023-07-17", "rest day");
    }
}
