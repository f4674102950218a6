package dev.peloton.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Every page and action, as each role sees it, and bad input answered with a page that says what was wrong. */
class PagesTest extends UiTestSupport {

    @Autowired
    UserDetailsService users;

    private record Page(int status, String body, String redirect) {
    }

    private Page call(String who, MockHttpServletRequestBuilder request) throws Exception {
        MvcResult r = mvc.perform(request.with(user(users.loadUserByUsername(who))).with(csrf())).andReturn();
        return new Page(r.getResponse().getStatus(), r.getResponse().getContentAsString(),
                r.getResponse().getRedirectedUrl());
    }

    @Test
    void catalogListsAssetsWithSearchAndGroupFilter() throws Exception {
        Page all = call("viewer", get("/assets"));
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains("raw/stages", "warehouse/stage_results", "marts/summary", "history/days")
                .contains("team-data").contains("23 daily").contains("23 missing");
        Page search = call("viewer", get("/assets").param("q", "summary"));
        assertThat(search.body()).contains("marts/summary").doesNotContain(">raw/stages<");
        Page group = call("viewer", get("/assets").param("group", "warehouse"));
        assertThat(group.body()).contains("warehouse/stage_results").doesNotContain(">marts/summary<");
        assertThat(call("viewer", get("/")).redirect()).isEqualTo("/assets");
        // The test application contributes no top bar link (UiNavLink beans): only Peloton's own are there.
        assertThat(all.body()).contains("href=\"/schedules\"").doesNotContain("class=\"app-link\"");
    }

    @Test
    void assetPageShowsDefinitionLinksStalenessAndHealthBar() throws Exception {
        Page p = call("viewer", get("/assets/warehouse/stage_results"));
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("Results per stage").contains("href=\"/assets/raw/stages\"")
                .contains("href=\"/assets/marts/summary\"").contains("id=\"healthbar\"");
        assertThat(count(p.body(), "class=\"cell ")).isEqualTo(23);
        // A viewer gets no materialize buttons.
        assertThat(p.body()).doesNotContain("materialize-selected").doesNotContain("materialize-stale");

        Page op = call("operator", get("/assets/warehouse/stage_results"));
        assertThat(op.body()).contains("Materialize selected partitions").contains("Materialize stale and missing");

        Page big = call("viewer", get("/assets/history/days"));
        // 5,000 partitions are summarised into at most 400 cells, each naming its range.
        int cells = count(big.body(), "class=\"cell ");
        assertThat(cells).isBetween(300, 400);
        // (Whether it was ever materialized depends on the other tests sharing this context, so it is not checked.)
        assertThat(big.body()).contains("data-sel=\"2000-01-01...");
        // How to select partitions is said to those who can materialize them.
        assertThat(big.body()).doesNotContain("shift-click").doesNotContain("id=\"selection-text\"");
        assertThat(call("operator", get("/assets/history/days")).body()).contains("shift-click or drag")
                .contains("id=\"selection-text\"");
    }

    @Test
    void unknownAssetIsA404PageNamingIt() throws Exception {
        Page p = call("viewer", get("/assets/raw/stagez"));
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.body()).contains("Unknown asset").contains("raw/stagez").contains("raw/stages")
                .doesNotContain("Exception").doesNotContain("\"status\"");
        Page bad = call("viewer", get("/assets/not a key!"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("not a key!");
    }

    @Test
    void planPreviewThenMaterializeQueuesARun() throws Exception {
        String before = tableCounts();
        Page plan = call("operator", post("/materialize/plan").param("asset", "raw/stages")
                .param("partitions", "2023-07-03...2023-07-05").header("HX-Request", "true"));
        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.body()).contains("3 step(s)").contains("confirm-materialize").doesNotContain("<html");
        assertThat(plan.body()).contains("<td>raw/stages</td>");
        // Without htmx the plan is a whole page, with its step table drawn once.
        Page page = call("operator", post("/materialize/plan").param("asset", "raw/stages")
                .param("partitions", "2023-07-03...2023-07-05"));
        assertThat(page.body()).contains("<html");
        assertThat(page.body().split("<th>Step</th>", -1)).as("step tables on the page").hasSize(2);
        assertThat(tableCounts()).as("a preview changes nothing").isEqualTo(before);

        Page submitted = call("operator", post("/materialize").param("asset", "raw/stages")
                .param("partitions", "2023-07-03...2023-07-05"));
        assertThat(submitted.redirect()).startsWith("/runs/");
        String runId = submitted.redirect().substring("/runs/".length());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM runs WHERE id = CAST(? AS uuid)", Long.class, runId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT tags ->> 'user' FROM runs WHERE id = CAST(? AS uuid)", String.class,
                runId)).isEqualTo("operator");

        Page run = call("viewer", get(submitted.redirect()));
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body()).contains("raw/stages").contains("id=\"events\"").doesNotContain("cancel-run");
    }

    @Test
    void staleAndMissingPlansOnlyThose() throws Exception {
        Page plan = call("operator", post("/materialize/plan").param("asset", "marts/summary").param("mode",
                "stale"));
        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.body()).contains("stale and missing partitions").contains("1 step(s)");
    }

    @Test
    void badPartitionInputIsA400PageAndChangesNothing() throws Exception {
        String before = tableCounts();
        Page badKey = call("operator", post("/materialize").param("asset", "raw/stages")
                .param("partitions", "2023-08-40"));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.body()).contains("2023-08-40").contains("raw/stages");
        Page reversed = call("operator", post("/materialize/plan").param("asset", "raw/stages")
                .param("partitions", "2023-07-05...2023-07-01"));
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body()).contains("ends before it starts");
        Page unpartitioned = call("operator", post("/materialize").param("asset", "marts/summary")
                .param("partitions", "2023-07-01"));
        assertThat(unpartitioned.status()).isEqualTo(400);
        assertThat(unpartitioned.body()).contains("not partitioned");
        Page unknown = call("operator", post("/materialize").param("asset", "nope/nothing"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("nope/nothing");
        Page mode = call("operator", post("/materialize").param("asset", "raw/stages").param("mode", "everything"));
        assertThat(mode.status()).isEqualTo(400);
        assertThat(mode.body()).contains("everything");
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void runsListFiltersByStatusAndRejectsUnknownOnes() throws Exception {
        Page submitted = call("operator", post("/materialize").param("asset", "raw/stages")
                .param("partitions", "2023-07-20"));
        String id = submitted.redirect().substring("/runs/".length());
        Page all = call("viewer", get("/runs"));
        assertThat(all.status()).isEqualTo(200);
        // Runs are shown by the last 8 characters of their id: the first ones are a timestamp, alike for runs
        // queued in the same minute.
        String shortId = id.substring(id.length() - 8);
        assertThat(all.body()).contains(">" + shortId + "</a>");
        Page none = call("viewer", get("/runs").param("status", "CANCELING"));
        assertThat(none.body()).doesNotContain(shortId);
        Page bad = call("viewer", get("/runs").param("status", "BROKEN"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("BROKEN").contains("QUEUED");
    }

    @Test
    void runsListFiltersByAssetAndDaysAndRejectsBadFilters() throws Exception {
        Page submitted = call("operator", post("/materialize").param("asset", "raw/stages")
                .param("partitions", "2023-07-21"));
        String id = submitted.redirect().substring("/runs/".length());
        String shortId = id.substring(id.length() - 8);
        String today = java.time.LocalDate.now(java.time.ZoneId.systemDefault()).toString();

        assertThat(call("viewer", get("/runs").param("asset", "raw/stages")).body()).contains(">" + shortId + "</a>");
        assertThat(call("viewer", get("/runs").param("asset", "marts/summary")).body()).doesNotContain(shortId);
        Page todays = call("viewer", get("/runs").param("from", today).param("to", today));
        assertThat(todays.body()).contains(">" + shortId + "</a>").contains("value=\"" + today + "\"");
        assertThat(call("viewer", get("/runs").param("to", "2000-01-01")).body()).doesNotContain(shortId);

        Page badDay = call("viewer", get("/runs").param("from", "2023-13-01"));
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badDay.body()).contains("2023-13-01").contains("yyyy-MM-dd");
        Page backwards = call("viewer", get("/runs").param("from", "2023-07-10").param("to", "2023-07-01"));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("2023-07-01").contains("2023-07-10");
        Page badAsset = call("viewer", get("/runs").param("asset", "no such/asset!"));
        assertThat(badAsset.status()).isEqualTo(400);
        assertThat(badAsset.body()).contains("no such/asset!");
    }

    @Test
    void runPageErrors() throws Exception {
        Page unknown = call("viewer", get("/runs/00000000-0000-0000-0000-000000000000"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("00000000-0000-0000-0000-000000000000");
        Page malformed = call("viewer", get("/runs/not-a-run"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("not-a-run");
        Page cancelUnknown = call("operator", post("/runs/00000000-0000-0000-0000-000000000000/cancel"));
        assertThat(cancelUnknown.status()).isEqualTo(404);
    }

    @Test
    void operatorCanCancelAQueuedRunAndReexecuteIt() throws Exception {
        // The worker may start (or even finish) the run before the cancel arrives: both outcomes are checked.
        Page submitted = call("operator", post("/materialize").param("asset", "history/days")
                .param("partitions", "2000-01-01...2000-01-02"));
        String runPath = submitted.redirect();
        Page cancel = call("operator", post(runPath + "/cancel"));
        if (cancel.status() == 302) {
            assertThat(cancel.redirect()).isEqualTo(runPath);
            String status = jdbc.queryForObject("SELECT status FROM runs WHERE id = CAST(? AS uuid)", String.class,
                    runPath.substring(6));
            assertThat(status).isIn("CANCELED", "CANCELING");
        } else {
            // The worker finished the two partitions first: cancelling a finished run is a conflict, said in words.
            assertThat(cancel.status()).isEqualTo(409);
            assertThat(cancel.body()).contains("SUCCESS");
        }
        Page viewerCancel = call("viewer", post(runPath + "/cancel"));
        assertThat(viewerCancel.status()).isEqualTo(403);
    }

    @Test
    void lineageDrawsTheGraphAndSubgraphs() throws Exception {
        Page all = call("viewer", get("/lineage"));
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains("<svg").contains("<text>raw/stages</text>")
                .contains("<text>marts/summary</text>").contains("class=\"edge-lines\" d=\"M");
        assertThat(count(all.body(), "class=\"node ")).isEqualTo(5);
        Page sub = call("viewer", get("/lineage").param("selection", "1+marts/summary"));
        assertThat(count(sub.body(), "class=\"node ")).isEqualTo(2);
        assertThat(sub.body()).doesNotContain("<text>raw/stages</text>");
        Page bad = call("viewer", get("/lineage").param("selection", "group:"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("group:");
    }

    @Test
    void backfillsPageListsAndRejectsUnknownStatus() throws Exception {
        Page p = call("viewer", get("/backfills"));
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("Backfills");
        Page bad = call("viewer", get("/backfills").param("status", "WHATEVER"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("WHATEVER");
    }

    @Test
    void unknownPageIsAnHtml404() throws Exception {
        Page p = call("viewer", get("/no/such/page"));
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.body()).contains("Page not found").contains("/no/such/page");
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
