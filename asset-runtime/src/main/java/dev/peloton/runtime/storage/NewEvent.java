package dev.peloton.runtime.storage;

import dev.peloton.core.AssetKey;
import java.time.Instant;
import java.util.Objects;

/**
 * An event to append to the event log.
 *
 * @param runId        the run it belongs to, or {@code null} for an event outside runs
 * @param stepId       the step inside the run, or {@code null}
 * @param type         what happened, e.g. {@code STEP_START}; at most 64 characters
 * @param timestamp    when it happened (kept to the microsecond)
 * @param asset        the asset it is about, or {@code null}
 * @param partitionKey the partition it is about, or {@code null}
 * @param payloadJson  the details as one JSON value
 */
public record NewEvent(String runId, String stepId, String type, Instant timestamp, AssetKey asset,
        String partitionKey, String payloadJson) {

    public static final int MAX_TYPE_LENGTH = 64;

    public NewEvent {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("An event needs a type, got '" + type + "' (run " + runId + ")");
        }
        if (type.length() > MAX_TYPE_LENGTH) {
            throw new IllegalArgumentException("Event type '" + type + "' is longer than " + MAX_TYPE_LENGTH
                    + " characters (run " + runId + ")");
        }
        Objects.requireNonNull(timestamp, "timestamp");
        if (runId != null) {
            RunIds.parse(runId);
        }
        payloadJson = payloadJson == null ? "{}" : payloadJson;
    }

    /** A run event that happened now. */
    public static NewEvent of(String runId, String type, String payloadJson) {
        return new NewEvent(runId, null, type, Instant.now(), null, null, payloadJson);
    }

    public NewEvent withStep(String stepId) {
        return new NewEvent(runId, stepId, type, timestamp, asset, partitionKey, payloadJson);
    }

    public NewEvent withAsset(AssetKey asset, String partitionKey) {
        return new NewEvent(runId, stepId, type, timestamp, asset, partitionKey, payloadJson);
    }

    public NewEvent at(Instant timestamp) {
        return new NewEvent(runId, stepId, type, timestamp, asset, partitionKey, payloadJson);
    }
}
