package dev.peloton.tdf.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.peloton.tdf.assets.RaceResults;
import dev.peloton.tdf.assets.RaceResults.GcLine;
import dev.peloton.tdf.assets.RaceResults.StageWinner;
import dev.peloton.tdf.assets.Warehouse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The race dashboard at the tiny scale (stages 1, 6, 16 and 21 have data): the headless backfill materializes
 * everything, then the page is compared with what {@link RaceResults} reads from the marts.
 */
@SpringBootTest(properties = {"peloton.example.scale=tiny", "peloton.example.headless=true",
        "peloton.security.users[0].name=fan", "peloton.security.users[0].password={noop}allez",
        "peloton.security.users[0].roles=VIEWER"})
@AutoConfigureMockMvc
class RaceDashboardEndToEndTest {

    static final RequestPostProcessor FAN = user("fan").roles("VIEWER");
    static final String TOURMALET_DAY = "2023-07-06";
    static final Pattern STAGE_ROW = Pattern.compile("class=\"stage-row\" data-rank=\"(\\d+)\" data-bib=\"(\\d+)\"");
    static final Pattern GC_ROW = Pattern.compile("class=\"gc-row\" data-rank=\"(\\d+)\" data-bib=\"(\\d+)\"");
    static final Pattern TEAM_ROW = Pattern.compile("class=\"team-row\" data-rank=\"(\\d+)\"");
    static final Pattern BAR = Pattern.compile("<rect class=\"(bar(?: selected)?)\"[^>]*? height=\"([\\d.]+)\""
            + " data-stage=\"(\\d+)\" data-race-day=\"([^\"]+)\" data-kmh=\"([^\"]+)\"");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target"), "dashboard-data-").toAbsolutePath();
        registry.add("peloton.data-dir", dir::toString);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    RaceResults results;
    @Autowired
    Warehouse warehouse;
    @Autowired
    @Qualifier("headlessBackfill")
    ExitCodeGenerator backfill;

    MockHttpServletResponse fetch(String path) throws Exception {
        return mvc.perform(get(path).with(FAN)).andReturn().getResponse();
    }

    String page(String path) throws Exception {
        MockHttpServletResponse r = fetch(path);
        String body = r.getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getStatus()).as("%s: %s", path, body).isEqualTo(200);
        return body;
    }

    static List<String[]> all(Pattern p, String html) {
        List<String[]> out = new ArrayList<>();
        Matcher m = p.matcher(html);
        while (m.find()) {
            String[] groups = new String[m.groupCount()];
            for (int i = 0; i < groups.length; i++) {
                groups[i] = m.group(i + 1);
            }
            out.add(groups);
        }
        return out;
    }

    @Test
    void eachDayShowsItsStageWinnerGcLeaderTeamsAndTheSpeedChart() throws Exception {
        assertThat(backfill.getExitCode()).as("the backfill's exit code").isZero();
        List<StageWinner> winners = results.stageWinners();
        assertThat(winners).as("stage winners at the tiny scale").extracting(StageWinner::stage)
                .containsExactly(1, 6, 16, 21);
        for (StageWinner w : winners) {
            String html = page("/tdf?raceDay=" + w.raceDay());
            List<String[]> rows = all(STAGE_ROW, html);
            assertThat(rows).as("stage rows of %s", w.raceDay()).isNotEmpty().hasSizeLessThanOrEqualTo(20);
            assertThat(rows.getFirst()).as("stage winner of %s", w.raceDay())
                    .containsExactly("1", Integer.toString(w.bib()));
            assertThat(html).contains(w.name() + " (" + w.bib() + ")", RaceResults.hms(w.durationS()));
            assertThat(rows).extracting(r -> Integer.parseInt(r[0])).as("ranks of %s", w.raceDay()).isSorted();

            List<GcLine> gc = results.generalClassification(w.raceDay(), 20);
            List<String[]> gcRows = all(GC_ROW, html);
            assertThat(gcRows).as("GC rows after %s", w.raceDay()).hasSize(gc.size());
            assertThat(gcRows.getFirst()).as("GC leader after %s", w.raceDay())
                    .containsExactly("1", Integer.toString(gc.getFirst().bib()));
            for (int i = 0; i < gc.size(); i++) {
                assertThat(Integer.parseInt(gcRows.get(i)[1])).as("GC line %d after %s", i, w.raceDay())
                        .isEqualTo(gc.get(i).bib());
            }
            long teams = warehouse.longs("SELECT count(*) FROM " + Warehouse.table("marts/team_classification")
                    + " WHERE partition_key = '" + w.raceDay() + "'")[0];
            assertThat(all(TEAM_ROW, html)).as("team rows after %s", w.raceDay()).hasSize((int) teams);

            List<String[]> bars = all(BAR, html);
            assertThat(bars).as("bars on the page of %s", w.raceDay()).hasSize(winners.size());
            double perKmh = Double.NaN;
            for (int i = 0; i < winners.size(); i++) {
                StageWinner bw = winners.get(i);
                String[] bar = bars.get(i);
                assertThat(bar[2]).isEqualTo(Integer.toString(bw.stage()));
                assertThat(bar[3]).isEqualTo(bw.raceDay());
                assertThat(bar[4]).as("speed of stage %d", bw.stage())
                        .isEqualTo(String.format(Locale.ROOT, "%.2f", bw.avgSpeedKmh()));
                assertThat(bar[0]).as("bar of stage %d on %s", bw.stage(), w.raceDay())
                        .isEqualTo(bw.raceDay().equals(w.raceDay()) ? "bar selected" : "bar");
                // Heights are proportional to the speeds (the axis starts at 0).
                double ratio = Double.parseDouble(bar[1]) / bw.avgSpeedKmh();
                if (Double.isNaN(perKmh)) {
                    perKmh = ratio;
                }
                assertThat(ratio).as("height per km/h of stage %d", bw.stage()).isCloseTo(perKmh, within(0.01));
            }
        }
    }

    @Test
    void withoutARaceDayTheLatestMaterializedDayIsShown() throws Exception {
        String latest = results.stageWinners().getLast().raceDay();
        String html = page("/tdf");
        assertThat(html).contains("<option value=\"" + latest + "\" selected=\"selected\">");
        assertThat(all(STAGE_ROW, html).getFirst()[1])
                .isEqualTo(Integer.toString(results.stageWinners().getLast().bib()));
        assertThat(html).doesNotContain("id=\"not-materialized\"");
    }

    @Test
    void aRaceDayWithoutDataSaysSoWithALinkToTheAsset() throws Exception {
        // Stage 2 is not generated at the tiny scale: nothing to show, and the page says where to materialize.
        String html = page("/tdf?raceDay=2023-07-02");
        assertThat(html).contains("id=\"stage-results-missing\"", "href=\"/assets/marts/stage_results\"");
        assertThat(all(STAGE_ROW, html)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2023-07-10 | not one of the 21 race days of the 2023 Tour (it is a rest day)
            2023-08-01 | not one of the 21 race days
            banana     | not a date like 2023-07-04
            """)
    void aBadRaceDayGetsA400PageNamingIt(String raceDay, String why) throws Exception {
        MockHttpServletResponse r = fetch("/tdf?raceDay=" + raceDay);
        String body = r.getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getStatus()).as(body).isEqualTo(400);
        assertThat(r.getContentType()).startsWith("text/html");
        assertThat(body).contains("Invalid race day", "Race day &#39;" + raceDay + "&#39;", why,
                "2023-07-01..2023-07-23");
    }

    /** Two riders with climb times on the Tourmalet. */
    int[] twoTourmaletRiders() {
        List<Map<String, Object>> rows = warehouse.rows("SELECT bib FROM " + Warehouse.table("marts/climb_times")
                + " WHERE partition_key = '" + TOURMALET_DAY + "' AND climb = 'Col du Tourmalet' ORDER BY bib LIMIT 2");
        assertThat(rows).as("riders over the Tourmalet").hasSize(2);
        return new int[] {((Number) rows.get(0).get("bib")).intValue(), ((Number) rows.get(1).get("bib")).intValue()};
    }

    @Test
    void theCompareFormLinksToTheJsonAndShowsTheGifServedByTheDashboard() throws Exception {
        int[] bibs = twoTourmaletRiders();
        String query = "raceDay=" + TOURMALET_DAY + "&amp;bibA=" + bibs[0] + "&amp;bibB=" + bibs[1]
                + "&amp;climb=Col%20du%20Tourmalet";
        String html = page("/tdf?raceDay=" + TOURMALET_DAY + "&bibA=" + bibs[0] + "&bibB=" + bibs[1]
                + "&climb=Col du Tourmalet");
        assertThat(html).contains("href=\"/api/tdf/compare?" + query + "\"", "src=\"/tdf/compare.gif?" + query + "\"",
                "on Col du Tourmalet (17.1 km)");
        assertThat(html).doesNotContain("id=\"compare-error\"");

        MockHttpServletResponse gif = fetch("/tdf/compare.gif?raceDay=" + TOURMALET_DAY + "&bibA=" + bibs[0]
                + "&bibB=" + bibs[1] + "&climb=Col du Tourmalet");
        assertThat(gif.getStatus()).isEqualTo(200);
        assertThat(gif.getContentType()).startsWith("image/gif");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif.getContentAsByteArray()))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            assertThat(reader.getFormatName()).isEqualToIgnoringCase("gif");
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isGreaterThan(1);
            reader.dispose();
        }
    }

    @Test
    void aBadComparisonIsExplainedOnThePageAndByTheGifRoute() throws Exception {
        int[] bibs = twoTourmaletRiders();
        String html = page("/tdf?raceDay=" + TOURMALET_DAY + "&bibA=" + bibs[0] + "&bibB=9&climb=Col du Tourmalet");
        assertThat(html).contains("id=\"compare-error\"", "no rider has bib 9").doesNotContain("id=\"compare-gif\"");

        MockHttpServletResponse gif = fetch("/tdf/compare.gif?raceDay=" + TOURMALET_DAY + "&bibA=" + bibs[0]
                + "&bibB=9&climb=Col du Tourmalet");
        assertThat(gif.getStatus()).isEqualTo(404);
        assertThat(gif.getContentAsString(StandardCharsets.UTF_8)).contains("no rider has bib 9");
    }

    @Test
    void theDashboardNeedsALogin() throws Exception {
        MockHttpServletResponse r = mvc.perform(get("/tdf")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        assertThat(r.getRedirectedUrl()).endsWith("/login");
    }
}
