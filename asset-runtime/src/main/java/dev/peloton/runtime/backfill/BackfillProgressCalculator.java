package dev.peloton.runtime.backfill;

import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.runtime.storage.PartitionSetCodec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the status of every partition of a backfill from its runs: one byte per partition, indexed by the
 * partition's position in the backfill, filled from the runs in creation order (a later run of a partition, such
 * as a re-execution, supersedes an earlier one), then read back as counts and runs of one status.
 */
final class BackfillProgressCalculator {

    private static final PartitionStatus[] STATUSES = PartitionStatus.values();

    private BackfillProgressCalculator() {
    }

    static BackfillProgress compute(BackfillRecord b, PartitionsDefinition definition,
            List<BackfillStorage.BackfillRun> runs) {
        BackfillChunks chunks = new BackfillChunks(b.partitions(), b.policy().partitionsPerRun(b.numPartitions()));
        int n = Math.toIntExact(b.numPartitions());
        byte[] status = new byte[n];
        long submitted = chunks.firstChunks(b.submittedChunks()).count();
        boolean canceled = b.status() == BackfillStatus.CANCELING || b.status() == BackfillStatus.CANCELED;
        // Submitted partitions without a run had nothing to do; the others wait, unless the backfill was canceled.
        java.util.Arrays.fill(status, 0, (int) submitted, (byte) PartitionStatus.SKIPPED.ordinal());
        java.util.Arrays.fill(status, (int) submitted, n,
                (byte) (canceled ? PartitionStatus.CANCELED : PartitionStatus.REQUESTED).ordinal());
        for (BackfillStorage.BackfillRun run : runs) {
            if (run.partitions() == null) {
                continue;
            }
            byte s = (byte) of(run.status()).ordinal();
            PartitionSet set = PartitionSetCodec.decode(run.partitions()).intersect(b.partitions());
            for (int r = 0; r < set.rangeCount(); r++) {
                int from = (int) chunks.positionOf(set.rangeStart(r));
                int to = (int) chunks.positionOf(set.rangeEnd(r) - 1) + 1;
                java.util.Arrays.fill(status, from, to, s);
            }
        }
        Map<PartitionStatus, Long> counts = new EnumMap<>(PartitionStatus.class);
        for (PartitionStatus s : STATUSES) {
            counts.put(s, 0L);
        }
        List<BackfillProgress.StatusRange> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || status[i] != status[start]) {
                PartitionStatus s = STATUSES[status[start]];
                counts.merge(s, (long) (i - start), Long::sum);
                long first = chunks.positions(start, start + 1).first();
                long last = chunks.positions(i - 1, i).first();
                ranges.add(new BackfillProgress.StatusRange(s, key(definition, first), key(definition, last), first,
                        last, i - start));
                start = i;
            }
        }
        return new BackfillProgress(counts, ranges);
    }

    private static String key(PartitionsDefinition definition, long index) {
        if (!definition.isPartitioned()) {
            return "";
        }
        return index < definition.size() ? definition.keyAt(index) : "#" + index;
    }

    static PartitionStatus of(dev.peloton.runtime.storage.RunStatus run) {
        return switch (run) {
            case QUEUED -> PartitionStatus.QUEUED;
            case STARTING, RUNNING, CANCELING -> PartitionStatus.RUNNING;
            case SUCCESS -> PartitionStatus.SUCCEEDED;
            case FAILURE -> PartitionStatus.FAILED;
            case CANCELED -> PartitionStatus.CANCELED;
        };
    }
}
