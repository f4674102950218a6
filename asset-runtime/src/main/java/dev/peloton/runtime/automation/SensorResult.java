package dev.peloton.runtime.automation;

import dev.peloton.runtime.run.RunRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * What one sensor evaluation decided.
 *
 * @param runRequests the runs to request, each with a run key
 * @param cursor      the cursor to store for the next evaluation, or {@code null} to keep the current one
 * @param skipReason  why nothing was requested, or {@code null}
 */
public record SensorResult(List<KeyedRunRequest> runRequests, String cursor, String skipReason) {

    public SensorResult {
        runRequests = List.copyOf(runRequests == null ? List.of() : runRequests);
        if (!runRequests.isEmpty() && skipReason != null) {
            throw new IllegalArgumentException("A sensor result cannot both request runs and skip");
        }
    }

    public static SensorResult skip(String reason) {
        return new SensorResult(List.of(), null, reason);
    }

    /** Skips this tick but moves the cursor. */
    public static SensorResult skip(String reason, String cursor) {
        return new SensorResult(List.of(), cursor, reason);
    }

    public static SensorResult runs(List<KeyedRunRequest> requests, String cursor) {
        return new SensorResult(requests, cursor, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects run requests. */
    public static final class Builder {
        private final List<KeyedRunRequest> requests = new ArrayList<>();
        private String cursor;
        private String skipReason;

        public Builder run(String runKey, RunRequest request) {
            requests.add(new KeyedRunRequest(runKey, request));
            return this;
        }

        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        /** Used only when no run was added. */
        public Builder skipReasonIfEmpty(String reason) {
            this.skipReason = reason;
            return this;
        }

        public SensorResult build() {
            return new SensorResult(requests, cursor, requests.isEmpty() ? skipReason : null);
        }
    }
}
