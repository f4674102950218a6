package dev.peloton.core.engine.partition;

import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import java.util.Optional;

/**
 * The upstream partitions up to and including the one with the downstream key, in the upstream's ordered keys:
 * the last {@code size} of them, or every one from the first when {@code size} is 0 (cumulative standings).
 */
public record WindowMapping(int size) implements PartitionMapping {

    public WindowMapping {
        if (size < 0) {
            throw new IllegalArgumentException("A window mapping's size is >= 0 (0 reads every partition from the"
                    + " first), got " + size);
        }
    }

    @Override
    public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
            PartitionsDefinition upstreamDef) {
        PartitionSet anchors = KeyTranslation.translate(downstream, downstreamDef, upstreamDef);
        if (anchors.isEmpty()) {
            return anchors;
        }
        if (size == 0) {
            return PartitionSet.range(0, anchors.last() + 1);
        }
        PartitionSet.Builder b = PartitionSet.builder();
        for (int r = 0; r < anchors.rangeCount(); r++) {
            b.addRange(Math.max(0, anchors.rangeStart(r) - size + 1), anchors.rangeEnd(r));
        }
        return b.build();
    }

    @Override
    public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
            PartitionsDefinition downstreamDef) {
        long upSize = upstreamDef.size();
        PartitionSet in = upstream.intersect(PartitionSet.all(upSize));
        if (in.isEmpty()) {
            return in;
        }
        // Upstream u is read by the partitions whose anchor is u..u+size-1.
        PartitionSet anchors;
        if (size == 0) {
            anchors = PartitionSet.range(in.first(), upSize);
        } else {
            PartitionSet.Builder b = PartitionSet.builder();
            for (int r = 0; r < in.rangeCount(); r++) {
                b.addRange(in.rangeStart(r), Math.min(upSize, in.rangeEnd(r) + size - 1));
            }
            anchors = b.build();
        }
        return KeyTranslation.translate(anchors, upstreamDef, downstreamDef);
    }

    @Override
    public Optional<String> incompatibility(PartitionsDefinition upstreamDef, PartitionsDefinition downstreamDef) {
        return KeyTranslation.incompatibility(describe(), upstreamDef, downstreamDef);
    }

    @Override
    public String describe() {
        return size == 0 ? "window(all up to this one)" : "window(" + size + ")";
    }
}
