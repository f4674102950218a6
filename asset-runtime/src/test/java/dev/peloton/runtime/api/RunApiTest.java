package dev.peloton.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.NewEvent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Plan, materialize and the run endpoints over HTTP, with the real run coordinator (no workers run here). */
class RunApiTest extends ApiTestSupport {

    @Autowired
    EventStorage events;

    private String submit(String body) {
        Answer a = post("/api/materialize", body);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        assertThat(a.json().get("runIds")).hasSize(1);
        return a.json().get("runIds").get(0).stringValue();
    }

    @Test
    void planPreviewsStepsAndQueuesNothing() {
        String before = tableCounts();
        Answer a = post("/api/plan", """
                {"selection": "warehouse/stage_results",
                 "partitions": {"range": {"from": "2023-07-01", "to": "2023-07-03"}}}""");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("stepCount").intValue()).isEqualTo(3);
        assertThat(a.json().get("steps").get(0).get("id").stringValue()).contains("warehouse/stage_results");
        assertThat(a.json().get("stepsTruncated").booleanValue()).isFalse();

        Answer chunks = post("/api/plan", """
                {"selection": "big/daily", "partitions": "all", "granularity": {"chunks": 1000}}""");
        assertThat(chunks.status()).as(chunks.body()).isEqualTo(200);
        // big/daily cannot compute ranges: one step per partition, and a note that says so.
        assertThat(chunks.json().get("stepCount").intValue()).isEqualTo(100_000);
        assertThat(chunks.json().get("partitionCount").longValue()).isEqualTo(100_000);
        assertThat(chunks.json().get("steps")).hasSize(MaterializeService.MAX_STEPS_SHOWN);
        assertThat(chunks.json().get("stepsTruncated").booleanValue()).isTrue();
        assertThat(chunks.json().get("notes").toString()).contains("big/daily");
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void materializeQueuesARunThatTheRunEndpointsShow() {
        String id = submit("""
                {"selection": "raw/stages", "partitions": {"keys": ["2023-07-10", "2023-07-11"]},
                 "tags": {"who": "test"}}""");
        Answer run = get("/api/runs/" + id);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().get("status").stringValue()).isEqualTo("QUEUED");
        assertThat(run.json().get("selection").get(0).stringValue()).isEqualTo("raw/stages");
        assertThat(run.json().get("partitionCount").longValue()).isEqualTo(2);
        assertThat(run.json().get("tags").get("who").stringValue()).isEqualTo("test");
        assertThat(run.json().get("plan").isObject()).isTrue();

        Answer list = get("/api/runs?asset=raw/stages&status=QUEUED,RUNNING");
        List<String> ids = new ArrayList<>();
        list.json().get("runs").forEach(r -> ids.add(r.get("id").stringValue()));
        assertThat(ids).contains(id);

        Answer canceled = post("/api/runs/" + id + "/cancel", "");
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        assertThat(canceled.json().get("status").stringValue()).isEqualTo("CANCELED");
        JsonNode again = assertProblem(post("/api/runs/" + id + "/cancel", ""), 409, id, "CANCELED");
        assertThat(again.get("runId").stringValue()).isEqualTo(id);
        assertThat(again.get("runStatus").stringValue()).isEqualTo("CANCELED");

        Answer re = post("/api/runs/" + id + "/reexecute", "");
        assertThat(re.status()).as(re.body()).isEqualTo(202);
        String child = re.json().get("id").stringValue();
        assertThat(child).isNotEqualTo(id);
        assertThat(re.json().get("tags").get("peloton/parent_run_id").stringValue()).isEqualTo(id);
        assertThat(get("/api/runs?status=CANCELED").json().get("runs").findValuesAsString("id")).contains(id)
                .doesNotContain(child);
    }

    @Test
    void runsArePagedWithACursorWithoutGapsOrRepeats() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(submit("{\"selection\": \"marts/summary\", \"tags\": {\"page\": \"" + i + "\"}}"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer page = get("/api/runs?asset=marts/summary&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().get("runs").size()).isLessThanOrEqualTo(2);
            page.json().get("runs").forEach(r -> seen.add(r.get("id").stringValue()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.stringValue();
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(seen).doesNotHaveDuplicates().containsAll(created);
        // Newest first: run ids are time-ordered UUIDs.
        assertThat(seen).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void eventsArePagedAfterASequence() {
        String id = submit("{\"selection\": \"raw/stages\", \"partitions\": {\"keys\": [\"2023-07-12\"]}}");
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(NewEvent.of(id, "STEP_LOG", "{\"i\": " + i + "}"));
        }
        events.append(batch);
        Answer first = get("/api/runs/" + id + "/events?limit=3");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("events")).hasSize(3);
        assertThat(first.json().get("events").get(0).get("payload").get("i").intValue()).isEqualTo(0);
        assertThat(first.json().get("runFinished").booleanValue()).isFalse();
        long after = first.json().get("nextAfter").longValue();
        Answer rest = get("/api/runs/" + id + "/events?after=" + after + "&limit=3");
        assertThat(rest.json().get("events")).hasSize(2);
        assertThat(rest.json().get("events").get(1).get("payload").get("i").intValue()).isEqualTo(4);
    }

    @Test
    void theEventStreamSendsNewEventsAndEndsWithTheRun() throws Exception {
        String id = submit("{\"selection\": \"raw/stages\", \"partitions\": {\"keys\": [\"2023-07-13\"]}}");
        events.append(NewEvent.of(id, "RUN_QUEUED", "{\"n\": 1}"));
        CompletableFuture<HttpResponse<String>> stream = http.sendAsync(
                HttpRequest.newBuilder(uri("/api/runs/" + id + "/events/stream")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        events.append(NewEvent.of(id, "STEP_START", "{\"n\": 2}"));
        assertThat(post("/api/runs/" + id + "/cancel", "").status()).isEqualTo(200);
        events.append(NewEvent.of(id, "RUN_CANCELED", "{\"n\": 3}"));
        HttpResponse<String> r = stream.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        String body = r.body();
        assertThat(body).contains("event:RUN_QUEUED", "event:STEP_START", "event:end");
        // The end is sent once the run has ended, so the event appended after the cancel may or may not be in it,
        // but every event is sent once, in order.
        assertThat(body.indexOf("event:RUN_QUEUED")).isLessThan(body.indexOf("event:STEP_START"));
        assertThat(body.indexOf("event:STEP_START")).isLessThan(body.indexOf("event:end"));

        // Resuming after the first event's id sends only what came after it.
        long firstSeq = get("/api/runs/" + id + "/events?limit=1").json().get("nextAfter").longValue();
        HttpResponse<String> resumed = http.send(HttpRequest.newBuilder(uri("/api/runs/" + id + "/events/stream"))
                .header("Last-Event-ID", Long.toString(firstSeq)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resumed.body()).doesNotContain("event:RUN_QUEUED").contains("event:STEP_START",
                "event:RUN_CANCELED", "event:end");
    }

    @Test
    void unknownRunsAreNotFoundAndBadIdsAreBadRequests() {
        String unknown = UUID.randomUUID().toString();
        assertProblem(get("/api/runs/" + unknown), 404, unknown);
        assertProblem(get("/api/runs/" + unknown + "/events"), 404, unknown);
        assertProblem(post("/api/runs/" + unknown + "/cancel", ""), 404, unknown);
        assertProblem(post("/api/runs/" + unknown + "/reexecute", ""), 404, unknown);
        assertProblem(get("/api/runs/not-a-run"), 400, "not-a-run");
        Answer stream = get("/api/runs/" + unknown + "/events/stream");
        assertThat(stream.status()).isEqualTo(404);
    }
}
