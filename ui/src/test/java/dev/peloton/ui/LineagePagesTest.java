package dev.peloton.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.peloton.runtime.api.LineageService;
import dev.peloton.runtime.api.LineageService.Lineage;
import dev.peloton.ui.lineage.LineageLayout;
import dev.peloton.ui.lineage.LineageSvg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The lineage page's summary panel and materializing the assets selected in the graph, per role, with bad input. */
class LineagePagesTest extends UiTestSupport {

    @Autowired
    UserDetailsService users;

    @Autowired
    LineageLayout layout;

    @Autowired
    LineageService lineage;

    private record Page(int status, String body, String redirect) {
    }

    /**
     * Runs queued so far outside backfills: other tests' runs may still be writing events and a backfill daemon
     * queueing runs, neither of which a request here can cause.
     */
    private long runCount() {
        return jdbc.queryForObject("SELECT count(*) FROM runs WHERE backfill_id IS NULL", Long.class);
    }

    private Page call(String who, MockHttpServletRequestBuilder request) throws Exception {
        MvcResult r = mvc.perform(request.with(user(users.loadUserByUsername(who))).with(csrf())).andReturn();
        return new Page(r.getResponse().getStatus(), r.getResponse().getContentAsString(),
                r.getResponse().getRedirectedUrl());
    }

    @Test
    void theGraphCarriesItsAdjacencyInTheOrderOfItsNodesAndEdges() throws Exception {
        Page p = call("viewer", get("/lineage"));
        assertThat(p.status()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("<text>([^<]+)</text>").matcher(p.body());
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertThat(keys).containsExactlyInAnyOrder("raw/stages", "warehouse/stage_results", "marts/summary",
                "tables/riders", "history/days");
        Matcher up = Pattern.compile("data-up=\"([0-9,;]*)\"").matcher(p.body());
        assertThat(up.find()).isTrue();
        String[] lists = up.group(1).split(";", -1);
        assertThat(lists).hasSize(keys.size());
        Set<String> edges = new TreeSet<>();
        for (int i = 0; i < lists.length; i++) {
            for (String d : lists[i].isEmpty() ? new String[0] : lists[i].split(",")) {
                edges.add(keys.get(i - Integer.parseInt(d)) + ">" + keys.get(i));
            }
        }
        assertThat(edges).containsExactly("raw/stages>warehouse/stage_results",
                "warehouse/stage_results>marts/summary");
        // One subpath per edge, in the same order.
        Matcher d = Pattern.compile("class=\"edge-lines\" d=\"([^\"]*)\"").matcher(p.body());
        assertThat(d.find()).isTrue();
        assertThat(d.group(1).chars().filter(c -> c == 'M').count()).isEqualTo(2);
        // A viewer gets no materialize button.
        assertThat(p.body()).doesNotContain("materialize-selection");
        assertThat(call("operator", get("/lineage")).body()).contains("id=\"materialize-selection\"")
                .contains("name=\"_csrf\"");
    }

    @Test
    void eachSubgraphIsLaidOutOnceAndThenComesFromTheCache() throws Exception {
        Lineage sub = lineage.lineage("+marts/summary");
        assertThat(call("viewer", get("/lineage").param("selection", "+marts/summary")).status()).isEqualTo(200);
        LineageSvg.Drawing first = layout.drawing(sub.nodes(), sub.edges());
        for (int i = 0; i < 3; i++) {
            assertThat(call("viewer", get("/lineage").param("selection", "+marts/summary")).status()).isEqualTo(200);
        }
        assertThat(layout.drawing(lineage.lineage("+marts/summary").nodes(), sub.edges())).isSameAs(first);
        assertThat(layout.layoutsComputed()).isPositive();
    }

    @Test
    void theFocusAssetIsMarked() throws Exception {
        Page p = call("viewer", get("/lineage").param("selection", "+marts/summary+").param("focus",
                "marts/summary"));
        assertThat(p.body()).containsPattern("<g class=\"node s-[A-Z_]+ focus\"[^>]*><rect[^>]*/><text>marts/summary");
    }

    @Test
    void summaryOfAnAssetIsAFragmentWithItsFacts() throws Exception {
        Page p = call("viewer", get("/lineage/summary").param("key", "warehouse/stage_results"));
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).doesNotContain("<html").contains("id=\"summary\"")
                .contains("href=\"/assets/warehouse/stage_results\"").contains("Results per stage")
                .contains("warehouse").contains("23 daily").contains("1 direct").contains("id=\"summary-status\"");
    }

    @Test
    void summaryOfAnUnknownAssetIsA404InWords() throws Exception {
        Page p = call("viewer", get("/lineage/summary").param("key", "raw/stagez"));
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.body()).doesNotContain("<html").contains("Unknown asset")
                .contains("No asset has the key &#39;raw/stagez&#39;").contains("raw/stages");
        Page malformed = call("viewer", get("/lineage/summary").param("key", "not a key!"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("not a key!");
        Page missing = call("viewer", get("/lineage/summary"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("key");
    }

    @Test
    void aViewerCannotMaterializeTheSelectionAndNothingIsQueued() throws Exception {
        long before = runCount();
        Page plan = call("viewer", post("/materialize/selection/plan").param("selection", "\"raw/stages\"")
                .header("HX-Request", "true"));
        assertThat(plan.status()).isEqualTo(403);
        Page submit = call("viewer", post("/materialize/selection").param("selection", "\"raw/stages\""));
        assertThat(submit.status()).isEqualTo(403);
        assertThat(runCount()).isEqualTo(before);
    }

    @Test
    void aMaterializeWithoutCsrfTokenIsRefused() throws Exception {
        long before = runCount();
        MvcResult r = mvc.perform(post("/materialize/selection").param("selection", "\"raw/stages\"")
                .with(user(users.loadUserByUsername("operator")))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(403);
        assertThat(runCount()).isEqualTo(before);
    }

    @Test
    void aBadSelectionIsA400NamingTheTokenAndNothingIsQueued() throws Exception {
        long before = runCount();
        Page page = call("operator", post("/materialize/selection").param("selection", "\"raw/stages\", colour:red"));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("colour").contains("Invalid asset selection");
        Page fragment = call("operator", post("/materialize/selection/plan")
                .param("selection", "\"raw/stages\", colour:red").header("HX-Request", "true"));
        assertThat(fragment.status()).isEqualTo(400);
        assertThat(fragment.body()).doesNotContain("<html").contains("colour").contains("id=\"panel-problem\"");
        Page unknown = call("operator", post("/materialize/selection/plan")
                .param("selection", "\"raw/stagez\"").header("HX-Request", "true"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("raw/stagez").contains("raw/stages");
        Page empty = call("operator", post("/materialize/selection").param("selection", " "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("No asset selected");
        Page mode = call("operator", post("/materialize/selection").param("selection", "\"raw/stages\"")
                .param("mode", "everything"));
        assertThat(mode.status()).isEqualTo(400);
        assertThat(mode.body()).contains("everything");
        assertThat(runCount()).isEqualTo(before);
    }

    @Test
    void anOperatorPreviewsThePlanThenQueuesARun() throws Exception {
        String selection = "\"warehouse/stage_results\", \"marts/summary\"";
        long before = runCount();
        Page plan = call("operator", post("/materialize/selection/plan").param("selection", selection)
                .header("HX-Request", "true"));
        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.body()).doesNotContain("<html").contains("2 asset(s)").contains("step(s)")
                .contains("id=\"confirm-materialize\"").contains("name=\"_csrf\"")
                .contains("<td>warehouse/stage_results</td>").contains("<td>marts/summary</td>");
        assertThat(runCount()).as("a preview changes nothing").isEqualTo(before);

        Page submitted = call("operator", post("/materialize/selection").param("selection", selection));
        assertThat(submitted.redirect()).startsWith("/runs/");
        String runId = submitted.redirect().substring("/runs/".length());
        assertThat(jdbc.queryForObject("SELECT selection::text FROM runs WHERE id = CAST(? AS uuid)", String.class,
                runId)).contains("warehouse/stage_results").contains("marts/summary").doesNotContain("raw/stages");
        assertThat(jdbc.queryForObject("SELECT tags ->> 'user' FROM runs WHERE id = CAST(? AS uuid)", String.class,
                runId)).isEqualTo("operator");
        // Leave no run behind for the tests that share this application (they count rows).
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForObject(
                "SELECT status FROM runs WHERE id = CAST(? AS uuid)", String.class, runId),
                s -> s.equals("SUCCESS") || s.equals("FAILURE") || s.equals("CANCELED"));
    }
}
