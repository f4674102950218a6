package dev.peloton.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The backfill endpoints over HTTP without a daemon: what is stored, previewed, listed and answered. Runs are
 * submitted and executed in {@code BackfillEndToEndTest}.
 */
class BackfillApiTest extends ApiTestSupport {

    private int backfillRows() {
        return jdbc.queryForObject("SELECT count(*) FROM backfills", Integer.class);
    }

    private String create(String body) {
        Answer a = post("/api/backfills", body);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        return a.json().get("backfillId").stringValue();
    }

    @Test
    void createAnswers202WithTheRunCountAndTheDetailShowsTheRequestAndItsProgress() {
        int runsBefore = jdbc.queryForObject("SELECT count(*) FROM runs", Integer.class);
        Answer a = post("/api/backfills", """
                {"selection": "+warehouse/stage_results",
                 "partitions": {"range": {"from": "2023-07-01", "to": "2023-07-09"}},
                 "policy": {"chunks": 4}, "onlyStaleAndMissing": true, "priority": 3, "tags": {"team": "data"}}""");
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        assertThat(a.json().get("numPartitions").longValue()).isEqualTo(9);
        assertThat(a.json().get("numRuns").longValue()).isEqualTo(3);
        assertThat(a.json().get("partitionsAsset").stringValue()).isEqualTo("raw/stages");
        assertThat(a.json().get("status").stringValue()).isEqualTo("REQUESTED");
        String id = a.json().get("backfillId").stringValue();

        Answer d = get("/api/backfills/" + id);
        assertThat(d.status()).as(d.body()).isEqualTo(200);
        JsonNode b = d.json().get("backfill");
        assertThat(b.get("id").stringValue()).isEqualTo(id);
        assertThat(b.get("selection").stringValue()).isEqualTo("+warehouse/stage_results");
        assertThat(b.get("assets").toString()).isEqualTo("[\"raw/stages\",\"warehouse/stage_results\"]");
        assertThat(b.get("partitions").stringValue()).isEqualTo("2023-07-01..2023-07-09");
        assertThat(b.get("policy").toString()).isEqualTo("{\"chunks\":4}");
        assertThat(b.get("numRuns").longValue()).isEqualTo(3);
        assertThat(b.get("submittedRuns").longValue()).isZero();
        assertThat(b.get("onlyStaleAndMissing").booleanValue()).isTrue();
        assertThat(b.get("priority").intValue()).isEqualTo(3);
        assertThat(b.get("tags").get("team").stringValue()).isEqualTo("data");
        JsonNode progress = d.json().get("progress");
        assertThat(progress.get("counts").get("REQUESTED").longValue()).isEqualTo(9);
        assertThat(progress.get("counts").get("SUCCEEDED").longValue()).isZero();
        assertThat(progress.get("ranges")).hasSize(1);
        JsonNode range = progress.get("ranges").get(0);
        assertThat(range.get("status").stringValue()).isEqualTo("REQUESTED");
        assertThat(range.get("from").stringValue()).isEqualTo("2023-07-01");
        assertThat(range.get("to").stringValue()).isEqualTo("2023-07-09");
        assertThat(range.get("count").longValue()).isEqualTo(9);
        // No daemon in this context: nothing was submitted.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM runs", Integer.class)).isEqualTo(runsBefore);
    }

    @Test
    void policiesAndKeysAreReadInEveryForm() {
        assertThat(post("/api/backfills", "{\"selection\": \"raw/stages\", \"partitions\": {\"keys\":"
                + " [\"2023-07-03\", \"2023-07-01\"]}, \"policy\": \"perPartition\"}").json().get("numRuns")
                .longValue()).isEqualTo(2);
        assertThat(post("/api/backfills", "{\"selection\": \"raw/stages\", \"policy\": \"singleRun\"}").json()
                .get("numRuns").longValue()).isEqualTo(1);
        assertThat(post("/api/backfills", "{\"selection\": \"raw/stages\", \"policy\": {\"singleRun\": {}}}").json()
                .get("numPartitions").longValue()).isEqualTo(23);
        assertThat(post("/api/backfills", "{\"selection\": \"raw/stages\", \"policy\": {\"perPartition\": true}}")
                .json().get("numRuns").longValue()).isEqualTo(23);
        // A backfill of 100,000 partitions in runs of 10 is within the limit of 50,000 runs.
        assertThat(post("/api/backfills", "{\"selection\": \"big/daily\", \"policy\": {\"chunks\": 10}}").json()
                .get("numRuns").longValue()).isEqualTo(10_000);
    }

    @Test
    void previewCountsRunsAndStepsAndWritesNothing() {
        String before = tableCounts();
        Answer a = post("/api/backfills/preview", "{\"selection\": \"+warehouse/stage_results\", \"partitions\":"
                + " {\"range\": {\"from\": \"2023-07-01\", \"to\": \"2023-07-07\"}}, \"policy\": {\"chunks\": 3}}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("numPartitions").longValue()).isEqualTo(7);
        assertThat(a.json().get("numRuns").longValue()).isEqualTo(3);
        assertThat(a.json().get("runsWithWork").longValue()).isEqualTo(3);
        // Two assets, one step per asset and partition.
        assertThat(a.json().get("stepCount").longValue()).isEqualTo(14);
        assertThat(a.json().get("estimated").booleanValue()).isFalse();
        assertThat(a.json().get("partitions").stringValue()).isEqualTo("2023-07-01..2023-07-07");

        // 10,000 runs: the first 1,000 are planned and the rest extrapolated.
        Answer big = post("/api/backfills/preview", "{\"selection\": \"big/daily\", \"policy\": {\"chunks\": 10}}");
        assertThat(big.status()).as(big.body()).isEqualTo(200);
        assertThat(big.json().get("numRuns").longValue()).isEqualTo(10_000);
        assertThat(big.json().get("stepCount").longValue()).isEqualTo(100_000);
        assertThat(big.json().get("estimated").booleanValue()).isTrue();
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void listPagesNewestFirstWithACursor() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(create("{\"selection\": \"raw/stages\", \"partitions\": {\"keys\": [\"2023-07-0" + (i + 1)
                    + "\"]}, \"tags\": {\"page\": \"test\"}}"));
        }
        Answer first = get("/api/backfills?limit=2");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("backfills")).hasSize(2);
        List<String> ids = new ArrayList<>();
        first.json().get("backfills").forEach(b -> ids.add(b.get("id").stringValue()));
        String cursor = first.json().get("nextCursor").stringValue();
        assertThat(cursor).isEqualTo(ids.get(1));
        Answer second = get("/api/backfills?limit=500&cursor=" + cursor);
        second.json().get("backfills").forEach(b -> ids.add(b.get("id").stringValue()));
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        // Newest first, no backfill twice, and the three just created lead in reverse order of creation.
        assertThat(ids).doesNotHaveDuplicates().hasSize(backfillRows());
        assertThat(ids.subList(0, 3)).containsExactly(created.get(2), created.get(1), created.get(0));

        Answer requested = get("/api/backfills?status=requested&limit=500");
        requested.json().get("backfills").forEach(b ->
                assertThat(b.get("status").stringValue()).isEqualTo("REQUESTED"));
        assertThat(requested.json().get("backfills").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void cancelEndsARequestedBackfillAndWhatHasEndedCannotBeCanceledOrRetried() {
        String id = create("{\"selection\": \"raw/stages\", \"partitions\": {\"keys\": [\"2023-07-05\"]}}");
        Answer canceled = post("/api/backfills/" + id + "/cancel", "");
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        // Nothing was submitted, so nothing is left to stop.
        assertThat(canceled.json().get("status").stringValue()).isEqualTo("CANCELED");
        assertThat(get("/api/backfills/" + id).json().get("progress").get("counts").get("CANCELED").longValue())
                .isEqualTo(1);

        String before = tableCounts();
        JsonNode again = assertProblem(post("/api/backfills/" + id + "/cancel", ""), 409, id, "ended");
        assertThat(again.get("backfillStatus").stringValue()).isEqualTo("CANCELED");
        assertProblem(post("/api/backfills/" + id + "/retry-failed", ""), 409, "no failed partition");
        String running = create("{\"selection\": \"raw/stages\", \"partitions\": {\"keys\": [\"2023-07-06\"]}}");
        before = tableCounts();
        assertProblem(post("/api/backfills/" + running + "/retry-failed", ""), 409, "REQUESTED", "once it has ended");
        assertThat(tableCounts()).isEqualTo(before);
    }
}
