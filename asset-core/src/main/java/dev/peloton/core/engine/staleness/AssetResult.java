package dev.peloton.core.engine.staleness;

import dev.peloton.core.PartitionSet;
import dev.peloton.core.engine.state.DataVersions;
import dev.peloton.core.engine.state.UpstreamInput;

/**
 * The staleness of one asset as sets, one per cause and input, computed once; everything a report answers is
 * an intersection of these.
 */
final class AssetResult {

    final LoadedAsset state;
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

    private AssetResult(LoadedAsset state, PartitionSet codeChanged, PartitionSet[] dataChanged,
            PartitionSet[] upstreamMissing, PartitionSet[] upstreamStale) {
        this.state = state;
        this.codeChanged = codeChanged;
        this.dependenciesChanged = state.dependenciesChanged();
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
        PartitionSet materialized = state.materialized();
        this.missing = materialized.complement(state.size);
        this.stale = d.union(t);
        this.fresh = materialized.minus(stale);
    }

    /** Partitions that are stale or missing: what makes a reader stale. */
    PartitionSet bad() {
        return missing.union(stale);
    }

    /**
     * Computes one asset from its loaded state and the results of its upstream assets, which come first in
     * topological order. Direct causes cost one pass over the materialized partitions per input; transitive ones
     * go set-wise through the mappings.
     */
    static AssetResult compute(LoadedAsset a, LoadedAsset[] loaded, AssetResult[] results) {
        PartitionSet mat = a.materialized();
        PartitionSet codeChanged = codeChanged(a, mat);
        int inputs = a.inputs.length;
        PartitionSet[] data = new PartitionSet[inputs];
        PartitionSet[] upMissing = new PartitionSet[inputs];
        PartitionSet[] upStale = new PartitionSet[inputs];
        for (int g = 0; g < inputs; g++) {
            UpstreamInput in = a.inputs[g];
            LoadedAsset u = loaded[in.upstream()];
            AssetResult ur = results[in.upstream()];
            data[g] = dataChanged(a, g, u, mat);
            upMissing[g] = in.readers(ur.missing).intersect(mat);
            upStale[g] = in.readers(ur.stale).intersect(mat);
        }
        return new AssetResult(a, codeChanged, data, upMissing, upStale);
    }

    private static PartitionSet codeChanged(LoadedAsset a, PartitionSet mat) {
        String current = a.definition.codeVersion();
        String[] recorded = a.codeVersion;
        PartitionSet.Builder b = PartitionSet.builder();
        for (int r = 0; r < mat.rangeCount(); r++) {
            for (int p = (int) mat.rangeStart(r), end = (int) mat.rangeEnd(r); p < end; p++) {
                if (!current.equals(recorded[p])) {
                    b.add(p);
                }
            }
        }
        return b.build();
    }

    private static PartitionSet dataChanged(LoadedAsset a, int g, LoadedAsset u, PartitionSet mat) {
        UpstreamInput in = a.inputs[g];
        String[] recorded = a.recordedInput[g];
        PartitionSet.Builder b = PartitionSet.builder();
        switch (in.shape()) {
            case SAME_INDEX -> {
                String[] upVersions = u.dataVersion;
                for (int r = 0; r < mat.rangeCount(); r++) {
                    for (int p = (int) mat.rangeStart(r), end = (int) mat.rangeEnd(r); p < end; p++) {
                        String rec = recorded[p];
                        if (rec != null) {
                            String cur = p < upVersions.length ? upVersions[p] : null;
                            if (!rec.equals(cur == null ? DataVersions.MISSING : cur)) {
                                b.add(p);
                            }
                        }
                    }
                }
            }
            case ALL -> {
                // Every partition reads the same upstream partitions: one current version for all.
                String cur = u.versions.inputDataVersion(PartitionSet.all(u.size));
                for (int r = 0; r < mat.rangeCount(); r++) {
                    for (int p = (int) mat.rangeStart(r), end = (int) mat.rangeEnd(r); p < end; p++) {
                        String rec = recorded[p];
                        if (rec != null && !rec.equals(cur)) {
                            b.add(p);
                        }
                    }
                }
            }
            case MAPPED -> {
                for (int r = 0; r < mat.rangeCount(); r++) {
                    for (int p = (int) mat.rangeStart(r), end = (int) mat.rangeEnd(r); p < end; p++) {
                        String rec = recorded[p];
                        if (rec != null && !u.versions.matches(rec, in.reads(PartitionSet.range(p, p + 1)))) {
                            b.add(p);
                        }
                    }
                }
            }
        }
        return b.build();
    }
}
