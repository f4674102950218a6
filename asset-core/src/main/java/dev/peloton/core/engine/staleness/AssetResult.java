package dev.peloton.core.engine.staleness;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.state.PartitionVersions;
import dev.peloton.core.engine.state.UpstreamInput;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The staleness of one asset as sets, one per cause and input, computed once; everything a report answers is
 * an intersection of these.
 */
final class AssetResult {

    /** Above this many partitions, a mapped input is compared on all cores: one mapping call per partition. */
    private static final long PARALLEL_THRESHOLD = 20_000;

    final AssetDefinition definition;
    final AssetColumns columns;
    final UpstreamInput[] inputs;
    /** Per input, the recorded input data versions for that upstream, or null if none was ever recorded. */
    final AssetColumns.InputColumn[] recorded;
    final PartitionSet missing;
    final PartitionSet stale;
    final PartitionSet fresh;
    final PartitionSet codeChanged;
    final PartitionSet dependenciesChanged;
    /** Per input: partitions whose recorded input data version differs from the current one. */
    final PartitionSet[] dataChanged;
    /** Per input: partitions reading a missing upstream partition. */
    final PartitionSet[] upstreamMissing;
    /** Per input: partitions reading a stale upstream partition. */
    final PartitionSet[] upstreamStale;
    /** Partitions with a direct cause (code, data, dependencies). */
    final PartitionSet direct;
    /** Partitions with a transitive cause (upstream stale or missing). */
    final PartitionSet transitive;

    private AssetResult(AssetDefinition definition, AssetColumns columns, UpstreamInput[] inputs,
            AssetColumns.InputColumn[] recorded, PartitionSet codeChanged, PartitionSet dependenciesChanged,
            PartitionSet[] dataChanged, PartitionSet[] upstreamMissing, PartitionSet[] upstreamStale) {
        this.definition = definition;
        this.columns = columns;
        this.inputs = inputs;
        this.recorded = recorded;
        this.codeChanged = codeChanged;
        this.dependenciesChanged = dependenciesChanged;
        this.dataChanged = dataChanged;
        this.upstreamMissing = upstreamMissing;
        this.upstreamStale = upstreamStale;
        PartitionSet d = codeChanged.union(dependenciesChanged);
        PartitionSet t = PartitionSet.empty();
        for (int g = 0; g < dataChanged.length; g++) {
            d = d.union(dataChanged[g]);
            t = t.union(upstreamMissing[g]).union(upstreamStale[g]);
        }
        this.direct = d;
        this.transitive = t;
        PartitionSet materialized = columns.materialized;
        this.missing = materialized.complement(columns.size);
        this.stale = d.union(t);
        this.fresh = materialized.minus(stale);
    }

    AssetKey key() {
        return definition.key();
    }

    PartitionVersions versions() {
        return columns.versions;
    }

    /** Partitions that are stale or missing: what makes a reader stale. */
    PartitionSet bad() {
        return missing.union(stale);
    }

    /** The upstream assets that partition {@code p}'s materialization recorded input data versions for. */
    Set<AssetKey> recordedUpstreams(int p) {
        Set<AssetKey> out = new LinkedHashSet<>();
        for (Map.Entry<AssetKey, AssetColumns.InputColumn> e : columns.inputs.entrySet()) {
            if (e.getValue().values[p] != null) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * Computes one asset from its columns and the results of its upstream assets, which come first in
     * topological order. Direct causes cost one pass over the materialized partitions per input, comparing
     * fingerprints; transitive ones go set-wise through the mappings.
     */
    static AssetResult compute(AssetDefinition def, UpstreamInput[] inputs, AssetColumns c, AssetResult[] results) {
        PartitionSet mat = c.materialized;
        int n = inputs.length;
        AssetColumns.InputColumn[] recorded = new AssetColumns.InputColumn[n];
        boolean someNeverRecorded = false;
        for (int g = 0; g < n; g++) {
            recorded[g] = c.inputs.get(inputs[g].upstreamKey());
            someNeverRecorded |= recorded[g] == null;
        }
        PartitionSet[] data = new PartitionSet[n];
        PartitionSet[] upMissing = new PartitionSet[n];
        PartitionSet[] upStale = new PartitionSet[n];
        for (int g = 0; g < n; g++) {
            AssetResult u = results[inputs[g].upstream()];
            data[g] = recorded[g] == null ? PartitionSet.empty() : dataChanged(inputs[g], recorded[g], u, mat);
            upMissing[g] = inputs[g].readers(u.missing).intersect(mat);
            upStale[g] = inputs[g].readers(u.stale).intersect(mat);
        }
        PartitionSet deps = someNeverRecorded ? mat : dependenciesChanged(c, recorded, mat);
        return new AssetResult(def, c, inputs, recorded, codeChanged(c, def.codeVersion(), mat), deps, data,
                upMissing, upStale);
    }

    private static PartitionSet codeChanged(AssetColumns c, String current, PartitionSet mat) {
        int id = c.codeIdOf(current);
        if (id < 0) {
            return mat;
        }
        int[] ids = c.codeId;
        PartitionSet.Builder b = PartitionSet.builder();
        for (int r = 0; r < mat.rangeCount(); r++) {
            for (int p = (int) mat.rangeStart(r), end = (int) mat.rangeEnd(r); p < end; p++) {
                if (ids[p] != id) {
                    b.add(p);
                }
            }
        }
        return b.build();
    }

    private static PartitionSet dependenciesChanged(AssetColumns c, AssetColumns.InputColumn[] recorded,
            PartitionSet mat) {
        int n = recorded.length;
        int[] counts = c.inputCount;
        PartitionSet.Builder b = PartitionSet.builder();
        for (int r = 0; r < mat.rangeCount(); r++) {
            for (int p = (int) mat.rangeStart(r), end = (int) mat.rangeEnd(r); p < end; p++) {
                boolean changed = counts[p] != n;
                for (int g = 0; g < n && !changed; g++) {
                    changed = recorded[g].values[p] == null;
                }
                if (changed) {
                    b.add(p);
                }
            }
        }
        return b.build();
    }

    private static PartitionSet dataChanged(UpstreamInput in, AssetColumns.InputColumn column, AssetResult u,
            PartitionSet mat) {
        if (in.shape() == UpstreamInput.Shape.MAPPED) {
            return mappedChanged(in, column, u.versions(), mat);
        }
        String[] present = column.values;
        long[] rec = column.fingerprints();
        PartitionVersions up = u.versions();
        PartitionSet.Builder b = PartitionSet.builder();
        switch (in.shape()) {
            case SAME_INDEX -> {
                long[] cur = up.fingerprints();
                for (int r = 0; r < mat.rangeCount(); r++) {
                    for (int p = (int) mat.rangeStart(r), end = (int) mat.rangeEnd(r); p < end; p++) {
                        if (present[p] != null && rec[p] != (p < cur.length ? cur[p] : up.fingerprintAt(p))) {
                            b.add(p);
                        }
                    }
                }
            }
            case ALL -> {
                // Every partition reads the same upstream partitions: one current version for all.
                long cur = up.inputFingerprint(PartitionSet.all(u.columns.size));
                for (int r = 0; r < mat.rangeCount(); r++) {
                    for (int p = (int) mat.rangeStart(r), end = (int) mat.rangeEnd(r); p < end; p++) {
                        if (present[p] != null && rec[p] != cur) {
                            b.add(p);
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("mapped inputs are compared by mappedChanged");
        }
        return b.build();
    }

    private static PartitionSet mappedChanged(UpstreamInput in, AssetColumns.InputColumn column, PartitionVersions up,
            PartitionSet mat) {
        if (mat.count() < PARALLEL_THRESHOLD) {
            return mappedChanged(in, column.values, column.fingerprints(), up, mat);
        }
        // Compute the lazy arrays once, before threads race for them.
        String[] present = column.values;
        long[] rec = column.fingerprints();
        up.prepare();
        int pieces = 4 * Runtime.getRuntime().availableProcessors();
        long first = mat.first();
        long width = (mat.last() - first) / pieces + 1;
        return java.util.stream.IntStream.range(0, pieces).parallel()
                .mapToObj(k -> mat.intersect(PartitionSet.range(first + k * width, first + (k + 1) * width)))
                .map(piece -> mappedChanged(in, present, rec, up, piece))
                .reduce(PartitionSet.empty(), PartitionSet::union);
    }

    private static PartitionSet mappedChanged(UpstreamInput in, String[] present, long[] rec, PartitionVersions up,
            PartitionSet mat) {
        PartitionSet.Builder b = PartitionSet.builder();
        for (int r = 0; r < mat.rangeCount(); r++) {
            for (int p = (int) mat.rangeStart(r), end = (int) mat.rangeEnd(r); p < end; p++) {
                if (present[p] != null && rec[p] != up.inputFingerprint(in.reads(PartitionSet.range(p, p + 1)))) {
                    b.add(p);
                }
            }
        }
        return b.build();
    }
}
