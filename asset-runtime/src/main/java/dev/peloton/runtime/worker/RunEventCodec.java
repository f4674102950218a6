package dev.peloton.runtime.worker;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.StepCounts;
import dev.peloton.runtime.storage.NewEvent;
import dev.peloton.runtime.storage.StepStorage.StepChange;
import dev.peloton.runtime.storage.StepStorage.StepState;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How engine events are stored in the event log: the type names below, the asset and partition of events about
 * one asset partition, and the details as a JSON payload.
 */
public final class RunEventCodec {

    public static final String RUN_STARTED = "RUN_STARTED";
    public static final String STEP_STARTED = "STEP_STARTED";
    public static final String MATERIALIZATION = "MATERIALIZATION";
    public static final String CHECK_EVALUATED = "CHECK_EVALUATED";
    public static final String STEP_FAILED = "STEP_FAILED";
    public static final String RETRY_SCHEDULED = "RETRY_SCHEDULED";
    public static final String STEP_SKIPPED = "STEP_SKIPPED";
    public static final String STEP_SUCCEEDED = "STEP_SUCCEEDED";
    public static final String STEP_CANCELED = "STEP_CANCELED";
    public static final String LOG = "LOG";
    public static final String RUN_FINISHED = "RUN_FINISHED";
    /** Written by the runtime, not the engine: the run's worker stopped heartbeating and the run was queued again. */
    public static final String RUN_REQUEUED = "RUN_REQUEUED";

    private final JsonMapper mapper = JsonMapper.builder().build();

    public NewEvent toNewEvent(RunEvent event) {
        Map<String, Object> p = new LinkedHashMap<>();
        String type;
        AssetKey asset = null;
        String partition = null;
        switch (event) {
            case RunEvent.RunStarted e -> {
                type = RUN_STARTED;
                p.put("stepCount", e.stepCount());
                p.put("completedEarlier", e.completedEarlier());
            }
            case RunEvent.StepStarted e -> {
                type = STEP_STARTED;
                p.put("attempt", e.attempt());
            }
            case RunEvent.Materialization e -> {
                type = MATERIALIZATION;
                asset = e.asset();
                partition = e.partitionKey();
                p.put("dataVersion", e.dataVersion());
                p.put("codeVersion", e.codeVersion());
                Map<String, String> inputs = new LinkedHashMap<>();
                e.inputDataVersions().forEach((k, v) -> inputs.put(k.toString(), v));
                p.put("inputDataVersions", inputs);
                p.put("metadata", e.metadata());
                p.put("durationMillis", e.duration().toMillis());
            }
            case RunEvent.CheckEvaluated e -> {
                type = CHECK_EVALUATED;
                asset = e.asset();
                partition = e.partitionKey();
                p.put("checkId", e.checkId());
                p.put("passed", e.passed());
                p.put("severity", String.valueOf(e.severity()));
                p.put("description", e.description());
                p.put("blocking", e.blocking());
                p.put("metadata", e.metadata());
            }
            case RunEvent.StepFailed e -> {
                type = STEP_FAILED;
                p.put("errorClass", e.errorClass());
                p.put("message", e.message());
                p.put("stackTrace", e.stackTrace());
                p.put("attempt", e.attempt());
                p.put("willRetry", e.willRetry());
            }
            case RunEvent.RetryScheduled e -> {
                type = RETRY_SCHEDULED;
                p.put("attempt", e.attempt());
                p.put("delayMillis", e.delay().toMillis());
            }
            case RunEvent.StepSkipped e -> {
                type = STEP_SKIPPED;
                p.put("cause", e.cause().name());
                p.put("causeId", e.causeId());
                p.put("reason", e.reason());
            }
            case RunEvent.StepSucceeded e -> {
                type = STEP_SUCCEEDED;
                p.put("attempt", e.attempt());
                p.put("durationMillis", e.duration().toMillis());
            }
            case RunEvent.StepCanceled e -> {
                type = STEP_CANCELED;
                p.put("attempt", e.attempt());
            }
            case RunEvent.LogLine e -> {
                type = LOG;
                p.put("level", e.level().name());
                p.put("message", e.message());
            }
            case RunEvent.RunFinished e -> {
                type = RUN_FINISHED;
                p.put("outcome", e.outcome().name());
                StepCounts c = e.counts();
                Map<String, Integer> counts = new LinkedHashMap<>();
                counts.put("succeeded", c.succeeded());
                counts.put("checkFailed", c.checkFailed());
                counts.put("failed", c.failed());
                counts.put("skipped", c.skipped());
                counts.put("canceled", c.canceled());
                counts.put("notRun", c.notRun());
                counts.put("completedEarlier", c.completedEarlier());
                p.put("counts", counts);
            }
        }
        return new NewEvent(event.runId(), event.stepId(), type, event.timestamp(), asset, partition, json(p));
    }

    /** The change of the step's row that {@code event} makes, or {@code null} when it changes none. */
    public StepChange stepChange(RunEvent event) {
        return switch (event) {
            case RunEvent.StepStarted e -> change(e, StepState.RUNNING, e.attempt(), null);
            case RunEvent.StepSucceeded e -> change(e, StepState.SUCCESS, e.attempt(), null);
            case RunEvent.StepFailed e -> change(e, e.willRetry() ? StepState.UP_FOR_RETRY : StepState.FAILURE,
                    e.attempt(), e.errorClass() + ": " + e.message());
            case RunEvent.StepSkipped e -> change(e, StepState.SKIPPED, 0, e.reason());
            case RunEvent.StepCanceled e -> change(e, StepState.CANCELED, e.attempt(), null);
            default -> null;
        };
    }

    private static StepChange change(RunEvent e, StepState state, int attempt, String error) {
        return new StepChange(e.runId(), e.stepId(), state, attempt, e.timestamp(), error);
    }

    private String json(Map<String, Object> payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JacksonException e) {
            // Metadata the mapper cannot write is kept as text rather than losing the event.
            Map<String, Object> safe = new LinkedHashMap<>();
            payload.forEach((k, v) -> safe.put(k, v instanceof Map<?, ?> m ? stringValues(m) : v));
            return mapper.writeValueAsString(safe);
        }
    }

    private static Map<String, String> stringValues(Map<?, ?> map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}
