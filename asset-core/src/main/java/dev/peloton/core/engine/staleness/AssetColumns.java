package dev.peloton.core.engine.staleness;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.state.DataVersions;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.core.engine.state.PartitionVersions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One asset's latest materializations as columns indexed by partition index, independent of the asset graph:
 * code versions as small ids, recorded input data versions as one column per upstream asset ever recorded, and
 * fingerprints computed once. Staleness then compares millions of partitions as primitives, without a map
 * lookup or an allocation each. Immutable once built.
 */
final class AssetColumns {

    final AssetKey key;
    final PartitionsDefinition definition;
    final int size;
    final String[] dataVersion;
    final PartitionVersions versions;
    final String[] codeVersion;
    final int[] codeId;
    /** The distinct code versions, by id. */
    final List<String> codes;
    final String[] runId;
    /** How many upstream assets the materialization recorded input data versions for. */
    final int[] inputCount;
    final Map<AssetKey, InputColumn> inputs;
    final PartitionSet materialized;

    /** The input data versions recorded for one upstream asset, by partition; {@code null} where not recorded. */
    static final class InputColumn {
        final String[] values;
        private volatile long[] fingerprints;

        InputColumn(String[] values) {
            this.values = values;
        }

        long[] fingerprints() {
            long[] f = fingerprints;
            if (f == null) {
                f = new long[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = values[i] == null ? 0 : DataVersions.fingerprint(values[i]);
                }
                fingerprints = f;
            }
            return f;
        }
    }

    private AssetColumns(Builder b) {
        this.key = b.key;
        this.definition = b.definition;
        this.size = b.size;
        this.dataVersion = b.dataVersion;
        this.versions = PartitionVersions.of(dataVersion);
        this.codeVersion = b.codeVersion;
        this.codeId = b.codeId;
        this.codes = List.copyOf(b.codes);
        this.runId = b.runId;
        this.inputCount = b.inputCount;
        Map<AssetKey, InputColumn> in = new HashMap<>(b.inputs.size() * 2);
        b.inputs.forEach((k, v) -> in.put(k, new InputColumn(v)));
        this.inputs = Map.copyOf(in);
        PartitionSet.Builder mat = PartitionSet.builder();
        int p = 0;
        while (p < size) {
            while (p < size && dataVersion[p] == null) {
                p++;
            }
            int start = p;
            while (p < size && dataVersion[p] != null) {
                p++;
            }
            mat.addRange(start, p);
        }
        this.materialized = mat.build();
    }

    static Builder builder(AssetKey key, PartitionsDefinition definition) {
        return new Builder(key, definition);
    }

    /** A copy with {@code records} (of this asset) applied over the current columns. */
    AssetColumns with(List<MaterializationRecord> records) {
        Builder b = new Builder(this);
        records.forEach(b::accept);
        return b.build();
    }

    /** The id of a code version among {@link #codes}, or -1 if no materialization has it. */
    int codeIdOf(String code) {
        return codes.indexOf(code);
    }

    /** Whether these columns were read with the definition the asset has now. */
    boolean fits(PartitionsDefinition current) {
        return definition.equals(current) && current.size() == size;
    }

    /** Builds columns record by record. */
    static final class Builder {
        private final AssetKey key;
        private final PartitionsDefinition definition;
        private final int size;
        private final String[] dataVersion;
        private final String[] codeVersion;
        private final int[] codeId;
        private final List<String> codes;
        private final String[] runId;
        private final int[] inputCount;
        private final Map<AssetKey, String[]> inputs;
        private String lastCode;
        private int lastCodeId = -1;

        private Builder(AssetKey key, PartitionsDefinition definition) {
            this.key = key;
            this.definition = definition;
            long n = definition.size();
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("Asset " + key + " has " + n
                        + " partitions: staleness handles at most " + (Integer.MAX_VALUE - 8));
            }
            this.size = (int) n;
            this.dataVersion = new String[size];
            this.codeVersion = new String[size];
            this.codeId = new int[size];
            this.codes = new ArrayList<>(2);
            this.runId = new String[size];
            this.inputCount = new int[size];
            this.inputs = new HashMap<>();
        }

        private Builder(AssetColumns c) {
            this.key = c.key;
            this.definition = c.definition;
            this.size = c.size;
            this.dataVersion = c.dataVersion.clone();
            this.codeVersion = c.codeVersion.clone();
            this.codeId = c.codeId.clone();
            this.codes = new ArrayList<>(c.codes);
            this.runId = c.runId.clone();
            this.inputCount = c.inputCount.clone();
            this.inputs = new HashMap<>();
            c.inputs.forEach((k, v) -> inputs.put(k, v.values.clone()));
        }

        /** Takes one latest materialization; records of partitions the definition does not have are ignored. */
        void accept(MaterializationRecord r) {
            long i = definition.indexOf(r.partitionKey());
            if (i < 0 || i >= size) {
                return;
            }
            int p = (int) i;
            if (dataVersion[p] != null) {
                // Replacing a partition: clear what the previous record recorded.
                for (String[] column : inputs.values()) {
                    column[p] = null;
                }
            }
            dataVersion[p] = r.dataVersion();
            String code = r.codeVersion();
            codeVersion[p] = code;
            if (!code.equals(lastCode)) {
                lastCode = code;
                lastCodeId = codes.indexOf(code);
                if (lastCodeId < 0) {
                    lastCodeId = codes.size();
                    codes.add(code);
                }
            }
            codeId[p] = lastCodeId;
            runId[p] = r.runId();
            Map<AssetKey, String> recorded = r.inputDataVersions();
            inputCount[p] = recorded.size();
            for (Map.Entry<AssetKey, String> e : recorded.entrySet()) {
                String[] column = inputs.get(e.getKey());
                if (column == null) {
                    column = new String[size];
                    inputs.put(e.getKey(), column);
                }
                column[p] = e.getValue();
            }
        }

        AssetColumns build() {
            return new AssetColumns(this);
        }
    }
}
