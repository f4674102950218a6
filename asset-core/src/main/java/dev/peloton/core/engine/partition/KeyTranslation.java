package dev.peloton.core.engine.partition;

import dev.peloton.core.DynamicPartitions;
import dev.peloton.core.MultiPartitions;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.TimeWindowPartitions;
import java.util.Optional;

/** Translates sets of partitions between two definitions by key: the same key, wherever it sits in each. */
public final class KeyTranslation {

    private KeyTranslation() {
    }

    /**
     * The partitions of {@code to} whose keys are the keys of {@code set} in {@code from}. Costs the number of
     * ranges for equal definitions and for time windows on the same calendar; otherwise one look-up per partition
     * of the smaller of {@code set} and {@code to}.
     */
    public static PartitionSet translate(PartitionSet set, PartitionsDefinition from, PartitionsDefinition to) {
        if (set.isEmpty()) {
            return set;
        }
        if (from.equals(to)) {
            return set;
        }
        if (from instanceof TimeWindowPartitions a && to instanceof TimeWindowPartitions b && a.sameCalendarAs(b)) {
            return b.indicesOfWindowNumbers(a.windowNumbers(set));
        }
        PartitionSet in = set.intersect(from.all());
        long toSize = to.size();
        if (in.count() <= toSize) {
            long[] out = new long[(int) Math.min(in.count(), Integer.MAX_VALUE - 8)];
            int n = 0;
            for (var it = in.iterator(); it.hasNext();) {
                long j = to.indexOf(from.keyAt(it.nextLong()));
                if (j >= 0) {
                    out[n++] = j;
                }
            }
            return PartitionSet.of(java.util.Arrays.copyOf(out, n));
        }
        PartitionSet.Builder b = PartitionSet.builder();
        for (long j = 0; j < toSize; j++) {
            long i = from.indexOf(to.keyAt(j));
            if (i >= 0 && in.contains(i)) {
                b.add(j);
            }
        }
        return b.build();
    }

    /**
     * Why a mapping that matches keys ({@code mapping}, such as "identity") cannot connect {@code up} and
     * {@code down}: they have no key in common, or they are time windows of different lengths. Empty when they can,
     * and when a side gains keys at run time so that it cannot be told yet.
     */
    public static Optional<String> incompatibility(String mapping, PartitionsDefinition up, PartitionsDefinition down) {
        if (up.equals(down)) {
            return Optional.empty();
        }
        if (up instanceof TimeWindowPartitions a && down instanceof TimeWindowPartitions b) {
            if (a.granularity() != b.granularity()) {
                return Optional.of(mapping + " maps each key to the same key, but the upstream has " + a.granularity()
                        .adjective() + " keys and the downstream " + b.granularity().adjective()
                        + " keys: map windows of different lengths with PartitionMappings.timeWindow()");
            }
            if (a.sameCalendarAs(b)) {
                return spansOverlap(a, b) ? Optional.empty() : noCommonKey(mapping, up, down);
            }
        }
        if (grows(up) || grows(down)) {
            return Optional.empty();
        }
        PartitionsDefinition smaller = up.size() <= down.size() ? up : down;
        PartitionsDefinition other = smaller == up ? down : up;
        return translate(smaller.all(), smaller, other).isEmpty() ? noCommonKey(mapping, up, down) : Optional.empty();
    }

    /** Whether a definition gains keys at run time. */
    static boolean grows(PartitionsDefinition d) {
        return switch (d) {
            case DynamicPartitions x -> true;
            case TimeWindowPartitions t -> t.isOpenEnded();
            case MultiPartitions m -> m.dimensions().stream().anyMatch(dim -> grows(dim.definition()));
            default -> false;
        };
    }

    private static boolean spansOverlap(TimeWindowPartitions a, TimeWindowPartitions b) {
        long aLast = a.isOpenEnded() ? Long.MAX_VALUE : a.currentLastNumber();
        long bLast = b.isOpenEnded() ? Long.MAX_VALUE : b.currentLastNumber();
        return Math.max(a.firstWindowNumber(), b.firstWindowNumber()) <= Math.min(aLast, bLast);
    }

    private static Optional<String> noCommonKey(String mapping, PartitionsDefinition up, PartitionsDefinition down) {
        return Optional.of(mapping + " maps each key to the same key, but the upstream (" + up.describe()
                + ") and the downstream (" + down.describe() + ") have no key in common");
    }
}
