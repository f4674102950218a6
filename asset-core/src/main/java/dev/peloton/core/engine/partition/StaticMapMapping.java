package dev.peloton.core.engine.partition;

import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fixed map from each downstream key to the upstream keys it reads; downstream keys absent from the map read
 * nothing. Costs the size of the map, whatever the size of the sets.
 */
public final class StaticMapMapping implements PartitionMapping {

    /** Keys listed by name in an incompatibility before "and N more". */
    private static final int LISTED = 10;

    private final Map<String, List<String>> downstreamToUpstream;

    public StaticMapMapping(Map<String, ? extends Collection<String>> downstreamToUpstream) {
        if (downstreamToUpstream == null || downstreamToUpstream.isEmpty()) {
            throw new IllegalArgumentException("A static partition map needs at least one downstream key");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        downstreamToUpstream.forEach((down, ups) -> {
            if (down == null) {
                throw new IllegalArgumentException("A static partition map has a null downstream key");
            }
            if (ups == null || ups.stream().anyMatch(u -> u == null)) {
                throw new IllegalArgumentException("A static partition map maps downstream key '" + down
                        + "' to a null " + (ups == null ? "list" : "upstream key"));
            }
            copy.put(down, List.copyOf(ups));
        });
        this.downstreamToUpstream = java.util.Collections.unmodifiableMap(copy);
    }

    public Map<String, List<String>> map() {
        return downstreamToUpstream;
    }

    @Override
    public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
            PartitionsDefinition upstreamDef) {
        LongList out = new LongList();
        downstreamToUpstream.forEach((down, ups) -> {
            long d = downstreamDef.indexOf(down);
            if (d >= 0 && downstream.contains(d)) {
                for (String up : ups) {
                    long u = upstreamDef.indexOf(up);
                    if (u >= 0) {
                        out.add(u);
                    }
                }
            }
        });
        return PartitionSet.of(out.toArray());
    }

    @Override
    public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
            PartitionsDefinition downstreamDef) {
        LongList out = new LongList();
        downstreamToUpstream.forEach((down, ups) -> {
            long d = downstreamDef.indexOf(down);
            if (d >= 0 && ups.stream().mapToLong(upstreamDef::indexOf).anyMatch(u -> u >= 0 && upstream.contains(u))) {
                out.add(d);
            }
        });
        return PartitionSet.of(out.toArray());
    }

    @Override
    public Optional<String> incompatibility(PartitionsDefinition upstreamDef, PartitionsDefinition downstreamDef) {
        List<String> problems = new ArrayList<>(2);
        if (!KeyTranslation.grows(downstreamDef)) {
            List<String> unknown = downstreamToUpstream.keySet().stream()
                    .filter(k -> downstreamDef.indexOf(k) < 0).toList();
            if (!unknown.isEmpty()) {
                problems.add("downstream keys " + list(unknown) + " that are not keys of the downstream (valid keys are "
                        + downstreamDef.describe() + ")");
            }
        }
        if (!KeyTranslation.grows(upstreamDef)) {
            List<String> unknown = downstreamToUpstream.values().stream().flatMap(List::stream).distinct()
                    .filter(k -> upstreamDef.indexOf(k) < 0).toList();
            if (!unknown.isEmpty()) {
                problems.add("upstream keys " + list(unknown) + " that are not keys of the upstream (valid keys are "
                        + upstreamDef.describe() + ")");
            }
        }
        return problems.isEmpty() ? Optional.empty()
                : Optional.of("The static partition map names " + String.join(" and ", problems));
    }

    private static String list(List<String> keys) {
        String shown = keys.stream().limit(LISTED).map(k -> "'" + k + "'").reduce((a, b) -> a + ", " + b).orElse("");
        return "[" + shown + (keys.size() > LISTED ? " and " + (keys.size() - LISTED) + " more" : "") + "]";
    }

    @Override
    public String describe() {
        return "static map of " + downstreamToUpstream.size() + " downstream "
                + (downstreamToUpstream.size() == 1 ? "key" : "keys");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StaticMapMapping m && m.downstreamToUpstream.equals(downstreamToUpstream);
    }

    @Override
    public int hashCode() {
        return downstreamToUpstream.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** A growable array of longs. */
    static final class LongList {
        private long[] values = new long[8];
        private int n;

        void add(long v) {
            if (n == values.length) {
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, n);
        }
    }
}
