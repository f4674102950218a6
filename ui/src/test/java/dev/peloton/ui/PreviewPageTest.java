package dev.peloton.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The data preview of an asset partition: rows and column statistics for DuckDB assets, a message otherwise. */
class PreviewPageTest extends UiTestSupport {

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
    void duckDbAssetShowsFirstRowsAndColumnStatistics() throws Exception {
        materialize("tables/riders", "2023-07-05");

        Page p = call("viewer", get("/assets/tables/riders/preview").param("partition", "2023-07-05"));
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("id=\"preview-rows\"").contains("Pogacar 2023-07-05")
                .contains("Lanterne rouge 2023-07-05").contains(">NULL<").contains("id=\"column-stats\"")
                .contains("BIGINT").contains("VARCHAR").contains("3590").contains("First 3 rows");
        // Without a partition: the newest materialized one.
        Page latest = call("viewer", get("/assets/tables/riders/preview"));
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.body()).contains("Pogacar 2023-07-05");
        assertThat(call("viewer", get("/assets/tables/riders")).body()).contains("id=\"preview-link\"")
                .doesNotContain("backfill-link");
        assertThat(call("operator", get("/assets/tables/riders")).body())
                .contains("href=\"/backfills/new?selection=tables/riders\"");

        // The row count the DuckDB IO manager reported is a dot of the asset page's chart, its tooltip in words.
        assertThat(call("viewer", get("/assets/tables/riders")).body()).contains("id=\"row-count-chart\"")
                .contains("data-rows=\"3\" data-partition=\"2023-07-05\"")
                .contains("<title>2023-07-05: 3 rows, materialized ").contains(">rows</text>")
                .doesNotContain("id=\"no-row-counts\"");
    }

    @Test
    void anAssetWhoseIoManagerReportsNoRowCountsGetsANoteInsteadOfAChart() throws Exception {
        String runId = materialize("raw/stages", "2023-07-09");
        String body = call("viewer", get("/assets/raw/stages")).body();
        assertThat(body).contains(">" + runId.substring(runId.length() - 8) + "</a>").contains("id=\"no-row-counts\"")
                .doesNotContain("id=\"row-count-chart\"");
    }

    private String materialize(String asset, String partition) throws Exception {
        Page run = call("operator", post("/materialize").param("asset", asset).param("partitions", partition));
        assertThat(run.redirect()).startsWith("/runs/");
        String runId = run.redirect().substring(6);
        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCESS".equals(jdbc.queryForObject(
                "SELECT status FROM runs WHERE id = CAST(? AS uuid)", String.class, runId)));
        return runId;
    }

    @Test
    void partitionNeverMaterializedOrUnknownIsSaidInWords() throws Exception {
        Page never = call("viewer", get("/assets/tables/riders/preview").param("partition", "2023-07-20"));
        assertThat(never.status()).isEqualTo(404);
        assertThat(never.body()).contains("id=\"preview-failure\"").contains("2023-07-20")
                .contains("has it been materialized");
        Page badKey = call("viewer", get("/assets/tables/riders/preview").param("partition", "2023-08-40"));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.body()).contains("2023-08-40");
        Page notPartitioned = call("viewer", get("/assets/marts/summary/preview").param("partition", "x"));
        assertThat(notPartitioned.status()).isEqualTo(400);
        assertThat(notPartitioned.body()).contains("not partitioned");
        Page unknown = call("viewer", get("/assets/no/such/preview"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("no/such");
    }

    @Test
    void assetOfAnotherIoManagerGetsAClearMessage() throws Exception {
        Page p = call("viewer", get("/assets/raw/stages/preview").param("partition", "2023-07-01"));
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("id=\"preview-unsupported\"").contains("raw/stages")
                .contains("only assets stored by the DuckDB and Parquet IO managers").doesNotContain("preview-rows");
    }
}
