package dev.peloton.runtime.storage;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as stored.
 *
 * @param id           the run id (a UUID)
 * @param status       where it is in its life
 * @param priority     higher runs are claimed first
 * @param selection    the assets it materializes
 * @param partitions   the partition indices it covers
 * @param planJson     its plan as JSON, or {@code null}
 * @param tags         free-form tags
 * @param backfillId   the backfill it belongs to, or {@code null}
 * @param workerId     the worker that claimed it last, or {@code null}
 * @param fencingToken incremented on each claim; only the holder of the current token may change the run
 * @param heartbeatAt  its worker's last heartbeat, or {@code null}
 * @param createdAt    when it was enqueued
 * @param startedAt    when it started running, or {@code null}
 * @param endedAt      when it ended, or {@code null}
 * @param error        why it failed, or {@code null}
 */
public record RunRecord(String id, RunStatus status, int priority, List<AssetKey> selection, PartitionSet partitions,
        String planJson, Map<String, String> tags, String backfillId, String workerId, long fencingToken,
        Instant heartbeatAt, Instant createdAt, Instant startedAt, Instant endedAt, String error) {
}
