package dev.peloton.runtime.storage;

import dev.peloton.core.AssetKey;
import java.time.Instant;

/**
 * An event as stored in the event log.
 *
 * @param sequence     its position in the log: increasing in append order, the key readers page by
 * @param runId        the run it belongs to, or {@code null}
 * @param stepId       the step inside the run, or {@code null}
 * @param type         what happened
 * @param timestamp    when it happened
 * @param asset        the asset it is about, or {@code null}
 * @param partitionKey the partition it is about, or {@code null}
 * @param payloadJson  the details, as JSON
 */
public record EventRecord(long sequence, String runId, String stepId, String type, Instant timestamp,
        AssetKey asset, String partitionKey, String payloadJson) {
}
