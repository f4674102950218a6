package dev.peloton.runtime.backfill;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import java.time.Instant;
import java.util.List;

/**
 * A backfill as stored: what was asked for and how far its submission got. Its per-partition progress is derived
 * from its runs (see {@link BackfillService#progress}).
 *
 * @param id              the backfill id (a UUID)
 * @param status          where it is in its life
 * @param selection       the selection as written
 * @param assets          the assets the selection resolved to when the backfill was created
 * @param partitionsAsset the asset whose partitions definition {@code partitions} indexes
 * @param partitions      the partitions, as indices of that definition
 * @param policy          how partitions are grouped into runs
 * @param options         only stale and missing, priority, tags
 * @param numChunks       how many chunks (candidate runs) the partitions form under the policy
 * @param submittedChunks how many chunks were submitted; the daemon continues from here
 * @param parentId        the backfill this one retries the failed partitions of, or {@code null}
 * @param numSucceeded    partitions that succeeded (or were up to date), counted when the backfill ended
 * @param numFailed       partitions that failed, counted when it ended
 * @param numCanceled     partitions canceled, counted when it ended
 * @param error           why it failed, or {@code null}
 */
public record BackfillRecord(String id, BackfillStatus status, String selection, List<AssetKey> assets,
        AssetKey partitionsAsset, PartitionSet partitions, BackfillPolicy policy, BackfillOptions options,
        long numChunks, long submittedChunks, String parentId, long numSucceeded, long numFailed, long numCanceled,
        Instant createdAt, Instant updatedAt, Instant endedAt, String error) {

    public long numPartitions() {
        return partitions.count();
    }
}
