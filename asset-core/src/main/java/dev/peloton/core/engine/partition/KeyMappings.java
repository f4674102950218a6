package dev.peloton.core.engine.partition;

import dev.peloton.core.InvalidPartitionKeyException;
import dev.peloton.core.KeyMapping;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import java.util.Collection;
import java.util.Objects;

/** Adapts a {@link KeyMapping}, written one key at a time, to sets of partitions. */
public final class KeyMappings {

    private KeyMappings() {
    }

    public static PartitionSet upstreamOf(KeyMapping mapping, PartitionSet downstream,
            PartitionsDefinition downstreamDef, PartitionsDefinition upstreamDef) {
        PartitionSet in = downstream.intersect(downstreamDef.all());
        StaticMapMapping.LongList out = new StaticMapMapping.LongList();
        for (var it = in.iterator(); it.hasNext();) {
            String key = downstreamDef.keyAt(it.nextLong());
            for (String up : upstreamKeys(mapping, key, downstreamDef, upstreamDef)) {
                out.add(upstreamIndex(mapping, key, up, upstreamDef));
            }
        }
        return PartitionSet.of(out.toArray());
    }

    public static PartitionSet downstreamOf(KeyMapping mapping, PartitionSet upstream,
            PartitionsDefinition upstreamDef, PartitionsDefinition downstreamDef) {
        if (upstream.isEmpty()) {
            return upstream;
        }
        PartitionSet.Builder b = PartitionSet.builder();
        long size = downstreamDef.size();
        for (long d = 0; d < size; d++) {
            String key = downstreamDef.keyAt(d);
            for (String up : upstreamKeys(mapping, key, downstreamDef, upstreamDef)) {
                if (upstream.contains(upstreamIndex(mapping, key, up, upstreamDef))) {
                    b.add(d);
                    break;
                }
            }
        }
        return b.build();
    }

    public static KeyMapping described(String description, KeyMapping mapping) {
        Objects.requireNonNull(mapping, "mapping");
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("A described key mapping needs a description");
        }
        return new Described(description, mapping);
    }

    private static Collection<String> upstreamKeys(KeyMapping mapping, String key, PartitionsDefinition down,
            PartitionsDefinition up) {
        Collection<String> keys = mapping.upstreamKeys(key, down, up);
        if (keys == null) {
            throw new IllegalStateException("Partition mapping '" + mapping.describe()
                    + "' returned null for downstream key '" + key + "': return an empty collection for no input");
        }
        return keys;
    }

    private static long upstreamIndex(KeyMapping mapping, String downKey, String upKey, PartitionsDefinition up) {
        long u = upKey == null ? -1 : up.indexOf(upKey);
        if (u < 0) {
            throw new InvalidPartitionKeyException("Partition mapping '" + mapping.describe() + "' maps downstream key '"
                    + downKey + "' to " + (upKey == null ? "null" : "'" + upKey + "'")
                    + ", which is not a key of the upstream: valid keys are " + up.describe(), upKey);
        }
        return u;
    }

    private record Described(String description, KeyMapping mapping) implements KeyMapping {
        @Override
        public Collection<String> upstreamKeys(String downstreamKey, PartitionsDefinition downstreamDef,
                PartitionsDefinition upstreamDef) {
            return mapping.upstreamKeys(downstreamKey, downstreamDef, upstreamDef);
        }

        @Override
        public java.util.Optional<String> incompatibility(PartitionsDefinition upstreamDef,
                PartitionsDefinition downstreamDef) {
            return mapping.incompatibility(upstreamDef, downstreamDef);
        }

        @Override
        public String describe() {
            return description;
        }
    }
}
