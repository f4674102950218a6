package dev.peloton.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The schedules and sensors page, tick history, and switching them on and off (ADMIN only). */
class AutomationPagesTest extends UiTestSupport {

    @Autowired
    UserDetailsService users;

    private record Page(int status, String body, String redirect) {
    }

    private Page call(String who, MockHttpServletRequestBuilder request) throws Exception {
        MvcResult r = mvc.perform(request.with(user(users.loadUserByUsername(who))).with(csrf())).andReturn();
        return new Page(r.getResponse().getStatus(), r.getResponse().getContentAsString(),
                r.getResponse().getRedirectedUrl());
    }

    private String switches() {
        return String.join(",", jdbc.queryForList("SELECT kind || ':' || name || '=' || status FROM instigator_state"
                + " ORDER BY kind, name", String.class));
    }

    @Test
    void listShowsStateCronZoneIntervalAndNextTickToEveryRole() throws Exception {
        Page p = call("viewer", get("/schedules"));
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("href=\"/schedules\"").contains("nightly_summary").contains("0 0 3 * * ?")
                .contains("Europe/Paris").contains("marts/summary").contains("inbox_watch").contains("3600 s")
                .contains("needs the ADMIN role").doesNotContain("Turn off").doesNotContain("Turn on");
        assertThat(call("operator", get("/schedules")).body()).doesNotContain("Turn off").doesNotContain("Turn on");
        Page admin = call("admin", get("/schedules"));
        assertThat(admin.body()).contains("action=\"/schedules/nightly_summary/off\"")
                .contains("action=\"/sensors/inbox_watch/on\"");
    }

    @Test
    void onlyAnAdminSwitchesAndBadNamesChangeNothing() throws Exception {
        String before = switches();
        for (String who : new String[] {"viewer", "operator"}) {
            assertThat(call(who, post("/schedules/nightly_summary/off")).status()).as(who).isEqualTo(403);
            assertThat(call(who, post("/sensors/inbox_watch/on")).status()).as(who).isEqualTo(403);
        }
        assertThat(switches()).isEqualTo(before);

        Page unknown = call("admin", post("/schedules/no_such_schedule/off"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("no_such_schedule");
        Page badName = call("admin", post("/sensors/bad name!/on"));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).contains("bad name!");
        Page badState = call("admin", post("/schedules/nightly_summary/sideways"));
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.body()).contains("sideways");
        assertThat(switches()).isEqualTo(before);

        Page off = call("admin", post("/schedules/nightly_summary/off"));
        assertThat(off.redirect()).isEqualTo("/schedules");
        Page afterOff = call("viewer", get("/schedules/nightly_summary"));
        assertThat(afterOff.body()).contains("<dd>off</dd>");
        assertThat(call("admin", get("/schedules")).body()).contains("action=\"/schedules/nightly_summary/on\"");
        assertThat(call("admin", post("/schedules/nightly_summary/on")).redirect()).isEqualTo("/schedules");
        assertThat(call("viewer", get("/schedules/nightly_summary")).body()).contains("<dd>on</dd>");
    }

    @Test
    void tickHistoryShowsOutcomesRunLinksSkipReasonsAndErrors() throws Exception {
        Page empty = call("viewer", get("/sensors/inbox_watch"));
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("No ticks yet").contains("3600 s");

        String run = UUID.randomUUID().toString();
        Instant t = Instant.parse("2020-01-01T02:00:00Z");
        insertTick("SUCCESS", t, "[\"" + run + "\"]", null, null);
        insertTick("SKIPPED", t.plus(1, ChronoUnit.DAYS), "[]", "nothing to do today", null);
        insertTick("FAILURE", t.plus(2, ChronoUnit.DAYS), "[]", null, "the tick function threw: boom");
        Page p = call("viewer", get("/schedules/nightly_summary"));
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("href=\"/runs/" + run + "\"").contains("nothing to do today")
                .contains("the tick function threw: boom").contains("t-SUCCESS").contains("t-SKIPPED")
                .contains("t-FAILURE");
        // Newest first.
        assertThat(p.body().indexOf("boom")).isLessThan(p.body().indexOf("nothing to do today"));

        Page bad = call("viewer", get("/schedules/nightly_summary").param("before", "yesterday"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("yesterday");
        assertThat(call("viewer", get("/schedules/no_such_schedule")).status()).isEqualTo(404);
    }

    private void insertTick(String status, Instant time, String runs, String reason, String error) {
        jdbc.update("INSERT INTO ticks (kind, name, tick_time, status, run_ids, skip_reason, error, ended_at)"
                + " VALUES ('SCHEDULE', 'nightly_summary', ?, ?, CAST(? AS jsonb), ?, ?, now())",
                java.sql.Timestamp.from(time), status, runs, reason, error);
    }
}
