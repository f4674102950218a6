package dev.peloton.runtime.automation;

import dev.peloton.runtime.storage.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run that ended, as {@link RunFinishedListener}s see it.
 *
 * @param runId     its id
 * @param status    SUCCESS, FAILURE or CANCELED
 * @param selection its asset keys, as text
 * @param error     why it failed, or {@code null}
 * @param endedAt   when it ended
 * @param tags      its tags (a schedule's or sensor's name is in {@code peloton/schedule} or {@code peloton/sensor})
 */
public record FinishedRun(String runId, RunStatus status, List<String> selection, String error, Instant endedAt,
        Map<String, String> tags) {

    public FinishedRun {
        selection = List.copyOf(selection == null ? List.of() : selection);
        tags = Map.copyOf(tags == null ? Map.of() : tags);
    }
}
