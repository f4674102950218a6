package dev.peloton.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.runtime.api.ApiTestApplication.ScriptedSensor;
import dev.peloton.runtime.automation.AutomationEngine;
import dev.peloton.runtime.automation.InstigatorKind;
import dev.peloton.runtime.automation.SensorResult;
import dev.peloton.runtime.run.RunRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Schedules and sensors over HTTP: the test application's schedule {@code nightly_stages} and sensor
 * {@code stage_files}. Quartz is not started, so every tick here is one the test runs through the engine.
 */
class AutomationApiTest extends ApiTestSupport {

    @Autowired
    AutomationEngine engine;

    @Autowired
    ScriptedSensor script;

    @Autowired
    Scheduler scheduler;

    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (n.get("name").stringValue().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no '" + name + "' in " + list);
    }

    @Test
    void listsSchedulesWithCronZoneSelectionAndNextTick() {
        Answer a = get("/api/schedules");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode s = named(a.json(), "nightly_stages");
        assertThat(s.get("status").stringValue()).isEqualTo("ON");
        assertThat(s.get("cron").stringValue()).isEqualTo("0 0 22 * * ?");
        assertThat(s.get("zone").stringValue()).isEqualTo("Europe/Paris");
        assertThat(s.get("selection").stringValue()).isEqualTo("+warehouse/stage_results");
        // 22:00 in Paris is 20:00 or 21:00 UTC, within a day from now.
        Instant next = Instant.parse(s.get("nextTickAt").stringValue());
        assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(86_400 + 60));
        assertThat(next.atZone(java.time.ZoneId.of("Europe/Paris")).getHour()).isEqualTo(22);
        assertThat(a.json().toString()).doesNotContain("stage_files");

        Answer detail = get("/api/schedules/nightly_stages");
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        assertThat(detail.json().get("cron").stringValue()).isEqualTo("0 0 22 * * ?");
        assertThat(detail.json().get("name").stringValue()).isEqualTo("nightly_stages");
    }

    @Test
    void listsSensorsWithIntervalAndNextEvaluation() {
        Answer a = get("/api/sensors");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode s = named(a.json(), "stage_files");
        assertThat(s.get("status").stringValue()).isEqualTo("ON");
        assertThat(s.get("intervalSeconds").intValue()).isEqualTo(30);
        assertThat(s.get("nextTickAt").isNull()).as(s.toString()).isFalse();
        assertThat(a.json().toString()).doesNotContain("nightly_stages");

        Answer detail = get("/api/sensors/stage_files");
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        assertThat(detail.json().get("intervalSeconds").intValue()).isEqualTo(30);
    }

    @Test
    void unknownNamesAre404sThatListTheDeclaredOnes() {
        JsonNode p = assertProblem(get("/api/schedules/nightly_stage"), 404, "nightly_stage", "nightly_stages");
        assertThat(p.get("schedule").stringValue()).isEqualTo("nightly_stage");
        assertThat(p.get("known").toString()).contains("nightly_stages");
        // A sensor's name is not a schedule's.
        JsonNode q = assertProblem(get("/api/schedules/stage_files"), 404, "No schedule named 'stage_files'");
        assertThat(q.get("title").stringValue()).isEqualTo("Unknown schedule");
        assertProblem(post("/api/sensors/nightly_stages/off", ""), 404, "No sensor named 'nightly_stages'",
                "stage_files");
    }

    @Test
    void turningOffAndOnIsStoredPausesTheTriggerAndShowsInTheList() throws Exception {
        try {
            Answer off = post("/api/schedules/nightly_stages/off", "");
            assertThat(off.status()).as(off.body()).isEqualTo(200);
            assertThat(off.json().get("status").stringValue()).isEqualTo("OFF");
            assertThat(off.json().get("nextTickAt").isNull()).isTrue();
            assertThat(storedStatus("SCHEDULE", "nightly_stages")).isEqualTo("STOPPED");
            assertThat(scheduler.getTriggerState(TriggerKey.triggerKey("nightly_stages", "peloton-schedules")))
                    .isEqualTo(Trigger.TriggerState.PAUSED);
            assertThat(named(get("/api/schedules").json(), "nightly_stages").get("status").stringValue())
                    .isEqualTo("OFF");
            // Idempotent.
            assertThat(post("/api/schedules/nightly_stages/off", "").json().get("status").stringValue())
                    .isEqualTo("OFF");
            // The sensor is untouched by the schedule's switch.
            assertThat(storedStatus("SENSOR", "stage_files")).isEqualTo("RUNNING");

            Answer sensorOff = post("/api/sensors/stage_files/off", "");
            assertThat(sensorOff.status()).as(sensorOff.body()).isEqualTo(200);
            assertThat(sensorOff.json().get("status").stringValue()).isEqualTo("OFF");
            assertThat(storedStatus("SENSOR", "stage_files")).isEqualTo("STOPPED");
            assertThat(named(get("/api/sensors").json(), "stage_files").get("status").stringValue())
                    .isEqualTo("OFF");

            Answer on = post("/api/schedules/nightly_stages/on", "");
            assertThat(on.status()).as(on.body()).isEqualTo(200);
            assertThat(on.json().get("status").stringValue()).isEqualTo("ON");
            assertThat(on.json().get("nextTickAt").isNull()).isFalse();
            assertThat(storedStatus("SCHEDULE", "nightly_stages")).isEqualTo("RUNNING");
            assertThat(scheduler.getTriggerState(TriggerKey.triggerKey("nightly_stages", "peloton-schedules")))
                    .isNotEqualTo(Trigger.TriggerState.PAUSED);
            assertThat(get("/api/schedules/nightly_stages").json().get("status").stringValue()).isEqualTo("ON");
            assertThat(named(get("/api/sensors").json(), "stage_files").get("status").stringValue())
                    .isEqualTo("OFF");

            Answer sensorOn = post("/api/sensors/stage_files/on", "");
            assertThat(sensorOn.json().get("status").stringValue()).isEqualTo("ON");
            assertThat(storedStatus("SENSOR", "stage_files")).isEqualTo("RUNNING");
        } finally {
            engine.setOn(InstigatorKind.SCHEDULE, "nightly_stages", true);
            engine.setOn(InstigatorKind.SENSOR, "stage_files", true);
        }
    }

    @Test
    void sensorTicksArePagedNewestFirstWithRunsSkipReasonsAndErrors() {
        script.then(context -> SensorResult.builder().run("file-1", RunRequest.of("marts/summary"))
                .cursor("file-1").build());
        script.then(context -> SensorResult.skip("no new file"));
        script.then(context -> {
            throw new IllegalStateException("bucket unreachable");
        });
        Instant t0 = Instant.parse("2024-03-01T10:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertThat(engine.sensorTick("stage_files", t0.plusSeconds(30L * i))).isPresent();
        }

        Answer first = get("/api/sensors/stage_files/ticks?limit=2");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("kind").stringValue()).isEqualTo("sensor");
        JsonNode ticks = first.json().get("ticks");
        assertThat(ticks).hasSize(2);
        assertThat(ticks.get(0).get("status").stringValue()).isEqualTo("FAILURE");
        assertThat(ticks.get(0).get("error").stringValue()).contains("bucket unreachable");
        assertThat(ticks.get(0).get("tickTime").stringValue()).isEqualTo("2024-03-01T10:01:00Z");
        assertThat(ticks.get(1).get("status").stringValue()).isEqualTo("SKIPPED");
        assertThat(ticks.get(1).get("skipReason").stringValue()).isEqualTo("no new file");
        long nextBefore = first.json().get("nextBefore").longValue();
        assertThat(nextBefore).isEqualTo(ticks.get(1).get("id").longValue());

        Answer second = get("/api/sensors/stage_files/ticks?limit=2&before=" + nextBefore);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        JsonNode success = second.json().get("ticks").get(0);
        assertThat(success.get("status").stringValue()).isEqualTo("SUCCESS");
        assertThat(success.get("cursor").stringValue()).isEqualTo("file-1");
        assertThat(success.get("runIds")).hasSize(1);
        String runId = success.get("runIds").get(0).stringValue();
        Answer run = get("/api/runs/" + runId);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().get("tags").get("peloton/sensor").stringValue()).isEqualTo("stage_files");
        assertThat(run.json().get("selection").toString()).contains("marts/summary");

        // The sensor's state shows its newest outcome and the cursor of the last evaluation that set one.
        JsonNode sensor = get("/api/sensors/stage_files").json();
        assertThat(sensor.get("lastTick").get("status").stringValue()).isEqualTo("FAILURE");
        assertThat(sensor.get("lastTick").get("id").longValue()).isEqualTo(ticks.get(0).get("id").longValue());
        assertThat(sensor.get("cursor").stringValue()).isEqualTo("file-1");
        // The last tick time only moves forward (it starts at the sensor's creation, after these tick times).
        assertThat(Instant.parse(sensor.get("lastTickAt").stringValue()))
                .isAfterOrEqualTo(Instant.parse("2024-03-01T10:01:00Z"));
        assertThat(named(get("/api/sensors").json(), "stage_files").get("lastTick").get("status").stringValue())
                .isEqualTo("FAILURE");
    }

    @Test
    void scheduleTicksShowTheirRunOrWhyTheyWereSkipped() {
        // 22:00 in Paris on 2023-07-04 runs that day; on 2024-01-01 there is no such partition.
        assertThat(engine.scheduleTick("nightly_stages", Instant.parse("2023-07-04T20:00:00Z"))).isPresent();
        assertThat(engine.scheduleTick("nightly_stages", Instant.parse("2024-01-01T21:00:00Z"))).isPresent();

        Answer a = get("/api/schedules/nightly_stages/ticks");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode ticks = a.json().get("ticks");
        assertThat(ticks).hasSize(2);
        assertThat(a.json().get("nextBefore").isNull()).isTrue();
        assertThat(ticks.get(0).get("status").stringValue()).isEqualTo("SKIPPED");
        assertThat(ticks.get(0).get("skipReason").stringValue()).contains("2024-01-01");
        assertThat(ticks.get(1).get("status").stringValue()).isEqualTo("SUCCESS");
        assertThat(ticks.get(1).get("tickTime").stringValue()).isEqualTo("2023-07-04T20:00:00Z");
        String runId = ticks.get(1).get("runIds").get(0).stringValue();
        JsonNode run = get("/api/runs/" + runId).json();
        assertThat(run.get("tags").get("peloton/schedule").stringValue()).isEqualTo("nightly_stages");
        assertThat(run.get("partitionCount").longValue()).isEqualTo(1);

        JsonNode detail = get("/api/schedules/nightly_stages").json();
        assertThat(detail.get("lastTick").get("status").stringValue()).isEqualTo("SKIPPED");

        // Pages of one walk the whole history, newest first, and end with no nextBefore.
        List<String> walked = new ArrayList<>();
        String path = "/api/schedules/nightly_stages/ticks?limit=1";
        while (path != null) {
            JsonNode page = get(path).json();
            page.get("ticks").forEach(t -> walked.add(t.get("status").stringValue()));
            JsonNode next = page.get("nextBefore");
            path = next == null || next.isNull() ? null
                    : "/api/schedules/nightly_stages/ticks?limit=1&before=" + next.longValue();
        }
        assertThat(walked).containsExactly("SKIPPED", "SUCCESS");
    }

    private String storedStatus(String kind, String name) {
        return jdbc.queryForObject("SELECT status FROM instigator_state WHERE kind = ? AND name = ?", String.class,
                kind, name);
    }
}
