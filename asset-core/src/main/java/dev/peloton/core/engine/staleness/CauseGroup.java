package dev.peloton.core.engine.staleness;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import java.util.List;

/**
 * One kind of cause over many partitions of an asset, as a summary: "312 partitions are stale because upstream
 * {@code raw/events} has new data".
 *
 * @param kind       the kind of cause
 * @param upstream   the upstream asset it concerns, or {@code null} for a code or dependency change
 * @param partitions the partitions of the asset with this cause
 * @param keys       those partitions in words
 * @param rootCauses for transitive kinds, where the staleness of the upstream partitions read begins; else empty
 */
public record CauseGroup(StaleCauseKind kind, AssetKey upstream, PartitionSet partitions, String keys,
        List<RootCause> rootCauses) {

    public CauseGroup {
        rootCauses = List.copyOf(rootCauses);
    }
}
