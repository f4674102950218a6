package dev.peloton.runtime.api;

import dev.peloton.runtime.storage.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the run endpoints answer. */
public final class RunViews {

    private RunViews() {
    }

    /**
     * A run.
     *
     * @param partitions     the partition indices it covers, as inclusive ranges ({@code 0-364,400})
     * @param partitionCount how many
     * @param plan           its plan as stored (only in the detail of one run)
     */
    public record RunView(String id, RunStatus status, int priority, List<String> selection, String partitions,
            long partitionCount, Map<String, String> tags, String backfillId, String workerId, Instant createdAt,
            Instant startedAt, Instant endedAt, Instant heartbeatAt, String error, JsonNode plan) {
    }

    /** @param nextCursor pass as {@code cursor} for the next (older) page; null on the last page */
    public record RunPageView(List<RunView> runs, String nextCursor) {
    }

    public record EventView(long sequence, String runId, String stepId, String type, Instant timestamp,
            String asset, String partition, JsonNode payload) {
    }

    /**
     * @param nextAfter   pass as {@code after} for the next page (the last sequence of this one, or the given
     *                    {@code after} when the page is empty)
     * @param runStatus   the run's status when the page was read
     * @param runFinished whether the run has ended: once it has and a page comes back short, no event follows
     */
    public record EventPageView(String runId, List<EventView> events, long nextAfter, RunStatus runStatus,
            boolean runFinished) {
    }

    /** @param runIds the runs queued (none when the plan was empty or the run key was used before) */
    public record SubmittedView(List<String> runIds, String note) {
    }
}
