package dev.peloton.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The backfill form (preview, launch), the detail page, cancel and retry, per role and with bad input. */
class BackfillPagesTest extends UiTestSupport {

    @Autowired
    UserDetailsService users;

    private record Page(int status, String body, String redirect) {
    }

    private Page call(String who, MockHttpServletRequestBuilder request) throws Exception {
        MvcResult r = mvc.perform(request.with(user(users.loadUserByUsername(who))).with(csrf())).andReturn();
        return new Page(r.getResponse().getStatus(), r.getResponse().getContentAsString(),
                r.getResponse().getRedirectedUrl());
    }

    private String written() {
        return jdbc.queryForObject("SELECT count(*) FROM backfills", Long.class) + "/" + tableCounts();
    }

    private static MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder b, String selection, String from,
            String to, String policy, String chunk) {
        return b.param("selection", selection).param("partitions", "range").param("from", from).param("to", to)
                .param("policy", policy).param("chunkSize", chunk);
    }

    @Test
    void previewSaysHowManyRunsAndStepsAndWritesNothing() throws Exception {
        String before = written();
        Page p = call("operator", form(post("/backfills/preview"), "raw/stages", "2023-07-01", "2023-07-04",
                "chunks", "3").header("HX-Request", "true"));
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("2 run(s) over 4 partition(s) of raw/stages")
                .contains("2 run(s) with 4 step(s) would start now").contains("id=\"launch-backfill\"")
                .contains("name=\"_csrf\"").doesNotContain("<html");
        Page single = call("operator", post("/backfills/preview").param("selection", "+warehouse/stage_results")
                .param("partitions", "all").param("policy", "singleRun"));
        assertThat(single.status()).isEqualTo(200);
        assertThat(single.body()).contains("1 run(s) over 23 partition(s)").contains("<html");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void badInputIsAMessageInWordsAndNothingIsWritten() throws Exception {
        String before = written();
        String[][] cases = {
            {"nope/x", "2023-07-01", "2023-07-02", "perPartition", "1", "nope/x"},
            {"raw/stages", "2023-13-01", "2023-07-02", "perPartition", "1", "2023-13-01"},
            {"raw/stages", "2023-07-04", "2023-07-01", "perPartition", "1", "2023-07-04"},
            {"raw/stages", "2023-07-01", "2023-07-02", "chunks", "0", "Chunk size must be a whole number"},
            {"raw/stages", "2023-07-01", "", "perPartition", "1", "first and the last partition key"},
            {"group:", "2023-07-01", "2023-07-02", "perPartition", "1", "group:"},
        };
        for (String[] c : cases) {
            for (String path : new String[] {"/backfills/preview", "/backfills"}) {
                Page p = call("operator", form(post(path), c[0], c[1], c[2], c[3], c[4]));
                assertThat(p.status()).as(path + " " + String.join(",", c)).isEqualTo(400);
                assertThat(p.body()).as(path + " " + String.join(",", c)).contains("id=\"backfill-error\"")
                        .contains(c[5]).doesNotContain("Exception");
            }
            Page htmx = call("operator", form(post("/backfills/preview"), c[0], c[1], c[2], c[3], c[4])
                    .header("HX-Request", "true"));
            assertThat(htmx.status()).isEqualTo(200);
            assertThat(htmx.body()).contains("backfill-error").contains(c[5]).doesNotContain("launch-backfill");
        }
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void viewerSeesTheFormButMayNotPreviewOrLaunch() throws Exception {
        Page page = call("viewer", get("/backfills/new").param("selection", "raw/stages"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("needs-operator").contains("value=\"raw/stages\"");
        assertThat(call("viewer", get("/backfills")).body()).doesNotContain("new-backfill");
        assertThat(call("operator", get("/backfills")).body()).contains("id=\"new-backfill\"");
        String before = written();
        assertThat(call("viewer", form(post("/backfills"), "raw/stages", "2023-07-01", "2023-07-02",
                "perPartition", "1")).status()).isEqualTo(403);
        assertThat(call("viewer", form(post("/backfills/preview"), "raw/stages", "2023-07-01", "2023-07-02",
                "perPartition", "1")).status()).isEqualTo(403);
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void launchShowsTheDetailPageThenCancelAndRetryFollowTheRules() throws Exception {
        Page launched = call("operator", form(post("/backfills"), "history/days", "2000-01-01", "2000-03-31",
                "perPartition", "1"));
        assertThat(launched.status()).isEqualTo(302);
        assertThat(launched.redirect()).matches("/backfills/[0-9a-f-]{36}");
        String id = launched.redirect().substring("/backfills/".length());
        assertThat(jdbc.queryForObject("SELECT num_partitions FROM backfills WHERE id = CAST(? AS uuid)", Long.class,
                id)).isEqualTo(91L);
        assertThat(jdbc.queryForObject("SELECT tags->>'user' FROM backfills WHERE id = CAST(? AS uuid)",
                String.class, id)).isEqualTo("operator");

        Page detail = call("viewer", get(launched.redirect()));
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("id=\"backfill-bar\"").contains("class=\"seg ")
                .contains("91 of history/days").contains("href=\"/runs?backfill=" + id + "\"")
                .doesNotContain("cancel-backfill").doesNotContain("retry-backfill");
        String operatorView = call("operator", get(launched.redirect())).body();
        // Cancel is offered until it ends (the worker may finish the 91 runs first); retry only after failures.
        assertThat(operatorView.contains("id=\"cancel-backfill\"") || operatorView.contains(">COMPLETED<"))
                .as(operatorView).isTrue();
        assertThat(operatorView).doesNotContain("retry-backfill");
        assertThat(call("viewer", post(launched.redirect() + "/cancel")).status()).isEqualTo(403);
        assertThat(call("viewer", post(launched.redirect() + "/retry-failed")).status()).isEqualTo(403);

        // The daemon and the worker may finish the 91 runs before the cancel arrives: both outcomes are checked.
        Page cancel = call("operator", post(launched.redirect() + "/cancel"));
        if (cancel.status() == 302) {
            assertThat(cancel.redirect()).isEqualTo(launched.redirect());
            assertThat(jdbc.queryForObject("SELECT status FROM backfills WHERE id = CAST(? AS uuid)", String.class,
                    id)).isIn("CANCELING", "CANCELED");
        } else {
            assertThat(cancel.status()).isEqualTo(409);
            assertThat(cancel.body()).contains("cannot be canceled");
        }
        // Nothing failed, so there is nothing to retry (before or after the end): a conflict in words, no child.
        long backfills = jdbc.queryForObject("SELECT count(*) FROM backfills", Long.class);
        Page retry = call("operator", post(launched.redirect() + "/retry-failed"));
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.body()).containsAnyOf("no failed partition", "once it has ended");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM backfills", Long.class)).isEqualTo(backfills);
    }

    @Test
    void unknownAndMalformedIds() throws Exception {
        Page unknown = call("viewer", get("/backfills/00000000-0000-0000-0000-000000000000"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("Unknown backfill").contains("00000000-0000-0000-0000-000000000000");
        Page malformed = call("viewer", get("/backfills/not-an-id"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("not-an-id");
        assertThat(call("operator", post("/backfills/not-an-id/cancel")).status()).isEqualTo(400);
    }
}
