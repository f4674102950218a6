package dev.peloton.runtime.api;

import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.staleness.AssetStaleness;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The partitions of one asset split by {@link PartitionStatus} into disjoint range-encoded sets, and those sets
 * as one sorted list of runs of equal status: the cost is the number of ranges, never the number of partitions.
 */
public final class PartitionStatusSets {

    private final long size;
    private final Map<PartitionStatus, PartitionSet> sets;

    private PartitionStatusSets(long size, Map<PartitionStatus, PartitionSet> sets) {
        this.size = size;
        this.sets = sets;
    }

    /**
     * In progress wins over failed, failed over staleness.
     *
     * @param staleness  the asset's staleness
     * @param failed     partitions whose latest attempt failed
     * @param inProgress partitions a run is materializing now
     */
    public static PartitionStatusSets of(AssetStaleness staleness, PartitionSet failed, PartitionSet inProgress) {
        long size = staleness.missing().count() + staleness.stale().count() + staleness.fresh().count();
        PartitionSet all = PartitionSet.all(size);
        PartitionSet running = inProgress.intersect(all);
        PartitionSet failing = failed.intersect(all).minus(running);
        PartitionSet overridden = running.union(failing);
        Map<PartitionStatus, PartitionSet> sets = new EnumMap<>(PartitionStatus.class);
        sets.put(PartitionStatus.FRESH, staleness.fresh().minus(overridden));
        sets.put(PartitionStatus.STALE, staleness.stale().minus(overridden));
        sets.put(PartitionStatus.MISSING, staleness.missing().minus(overridden));
        sets.put(PartitionStatus.FAILED, failing);
        sets.put(PartitionStatus.IN_PROGRESS, running);
        return new PartitionStatusSets(size, sets);
    }

    public long size() {
        return size;
    }

    public PartitionSet set(PartitionStatus status) {
        return sets.get(status);
    }

    /** How many partitions have each status (every status present, zero or not). */
    public Map<PartitionStatus, Long> counts() {
        Map<PartitionStatus, Long> counts = new EnumMap<>(PartitionStatus.class);
        sets.forEach((status, set) -> counts.put(status, set.count()));
        return counts;
    }

    /** The worst status any partition has: in progress, failed, missing, stale, then fresh. */
    public PartitionStatus worst() {
        for (PartitionStatus s : new PartitionStatus[] {PartitionStatus.IN_PROGRESS, PartitionStatus.FAILED,
                PartitionStatus.MISSING, PartitionStatus.STALE}) {
            if (!sets.get(s).isEmpty()) {
                return s;
            }
        }
        return PartitionStatus.FRESH;
    }

    /**
     * A run of consecutive partitions with one status.
     *
     * @param start first index
     * @param end   exclusive end index
     */
    public record StatusRun(long start, long end, PartitionStatus status) {
    }

    /** The maximal runs of equal status, in index order, covering every partition once. */
    public StatusRun[] runs() {
        int n = 0;
        for (PartitionSet set : sets.values()) {
            n += set.rangeCount();
        }
        StatusRun[] runs = new StatusRun[n];
        int i = 0;
        for (Map.Entry<PartitionStatus, PartitionSet> e : sets.entrySet()) {
            PartitionSet set = e.getValue();
            for (int r = 0; r < set.rangeCount(); r++) {
                runs[i++] = new StatusRun(set.rangeStart(r), set.rangeEnd(r), e.getKey());
            }
        }
        // The sets are disjoint and each is already merged, so neighbours after sorting differ in status.
        Arrays.sort(runs, (a, b) -> Long.compare(a.start(), b.start()));
        return runs;
    }
}
