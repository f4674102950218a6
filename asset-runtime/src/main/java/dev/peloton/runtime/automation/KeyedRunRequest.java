package dev.peloton.runtime.automation;

import dev.peloton.runtime.run.RunRequest;
import java.util.Objects;

/**
 * A run a sensor asks for, with its run key: a sensor that asks again with the same key gets no second run,
 * whichever node or tick asks.
 */
public record KeyedRunRequest(String runKey, RunRequest request) {

    public KeyedRunRequest {
        if (runKey == null || runKey.isBlank()) {
            throw new IllegalArgumentException("A sensor's run request needs a run key");
        }
        Objects.requireNonNull(request, "request");
    }
}
