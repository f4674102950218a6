package dev.peloton.core.engine.partition;

import dev.peloton.core.MultiPartitions;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import java.util.Optional;

/**
 * Connects partitions through one dimension of a multi-dimensional definition: a multi-dimensional partition
 * matches the partitions of the other side whose key is its key in that dimension. Either side (or both) may be
 * multi-dimensional: a per-stage asset reads every {@code stage|rider} partition of its stage, and a
 * {@code stage|rider} asset reads its stage's partition.
 */
public record DimensionMapping(String dimension) implements PartitionMapping {

    public DimensionMapping {
        if (dimension == null || dimension.isBlank()) {
            throw new IllegalArgumentException("A dimension mapping needs the name of a dimension");
        }
    }

    @Override
    public PartitionSet upstreamOf(PartitionSet downstream, PartitionsDefinition downstreamDef,
            PartitionsDefinition upstreamDef) {
        return map(downstream, downstreamDef, upstreamDef);
    }

    @Override
    public PartitionSet downstreamOf(PartitionSet upstream, PartitionsDefinition upstreamDef,
            PartitionsDefinition downstreamDef) {
        return map(upstream, upstreamDef, downstreamDef);
    }

    // The relation is symmetric: project the "from" side on the dimension, translate, expand on the "to" side.
    private PartitionSet map(PartitionSet set, PartitionsDefinition from, PartitionsDefinition to) {
        if (!(from instanceof MultiPartitions) && !(to instanceof MultiPartitions)) {
            throw new IllegalArgumentException(neitherMulti(from, to));
        }
        PartitionSet keys = set;
        PartitionsDefinition keysDef = from;
        if (from instanceof MultiPartitions m) {
            int d = require(m);
            keys = MixedRadix.project(m, d, set);
            keysDef = m.dimensions().get(d).definition();
        }
        if (to instanceof MultiPartitions m) {
            int d = require(m);
            PartitionsDefinition dim = m.dimensions().get(d).definition();
            return MixedRadix.expand(m, d, KeyTranslation.translate(keys, keysDef, dim));
        }
        return KeyTranslation.translate(keys, keysDef, to);
    }

    @Override
    public Optional<String> incompatibility(PartitionsDefinition upstreamDef, PartitionsDefinition downstreamDef) {
        if (!(upstreamDef instanceof MultiPartitions) && !(downstreamDef instanceof MultiPartitions)) {
            return Optional.of(neitherMulti(upstreamDef, downstreamDef));
        }
        PartitionsDefinition up = upstreamDef;
        PartitionsDefinition down = downstreamDef;
        if (upstreamDef instanceof MultiPartitions m) {
            if (m.dimensionIndex(dimension) < 0) {
                return Optional.of(describe() + " names no dimension of the upstream: its dimensions are "
                        + m.dimensionNames());
            }
            up = m.dimension(dimension).orElseThrow().definition();
        }
        if (downstreamDef instanceof MultiPartitions m) {
            if (m.dimensionIndex(dimension) < 0) {
                return Optional.of(describe() + " names no dimension of the downstream: its dimensions are "
                        + m.dimensionNames());
            }
            down = m.dimension(dimension).orElseThrow().definition();
        }
        return KeyTranslation.incompatibility(describe(), up, down);
    }

    private int require(MultiPartitions m) {
        int d = m.dimensionIndex(dimension);
        if (d < 0) {
            throw new IllegalArgumentException(describe() + ": " + m.noSuchDimension(dimension));
        }
        return d;
    }

    private String neitherMulti(PartitionsDefinition up, PartitionsDefinition down) {
        return describe() + " projects multi-dimensional keys, but neither the upstream (" + up.describe()
                + ") nor the downstream (" + down.describe() + ") is multi-dimensional";
    }

    @Override
    public String describe() {
        return "dimension(" + dimension + ")";
    }
}
