package dev.peloton.core.engine.staleness;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.DataVersions;
import dev.peloton.core.engine.state.MaterializationRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reference: staleness straight from the definition, one partition at a time, reading the storage and
 * asking the mappings for single partitions. Slow and obvious, to check the bulk resolver against.
 */
public final class NaiveStaleness {

    /** One partition's verdict: status, cause tags ({@code CODE}, {@code DATA:a/b}...) and data versions. */
    public record Verdict(StalenessStatus status, Set<String> causes, Map<String, String[]> dataVersions) {
    }

    private final AssetGraph graph;
    private final AssetStateStorage storage;
    private final Map<String, Verdict> memo = new HashMap<>();

    public NaiveStaleness(AssetGraph graph, AssetStateStorage storage) {
        this.graph = graph;
        this.storage = storage;
    }

    /** Per upstream asset, the union over its edges of the partitions that partition {@code p} reads. */
    public Map<AssetKey, PartitionSet> reads(AssetKey asset, long p) {
        int a = graph.indexOf(asset);
        AssetDefinition def = graph.definition(a);
        Map<AssetKey, PartitionSet> out = new LinkedHashMap<>();
        for (AssetGraph.Edge e : graph.upstreamEdges(a)) {
            AssetDefinition up = graph.definition(e.upstream());
            PartitionSet r = e.mapping().upstreamOf(PartitionSet.of(p), def.partitions(), up.partitions());
            out.merge(up.key(), r, PartitionSet::union);
        }
        return out;
    }

    public Verdict verdict(AssetKey asset, long p) {
        String memoKey = asset + "|" + p;
        Verdict v = memo.get(memoKey);
        if (v == null) {
            v = compute(asset, p);
            memo.put(memoKey, v);
        }
        return v;
    }

    private Verdict compute(AssetKey asset, long p) {
        AssetDefinition def = graph.get(asset);
        Optional<MaterializationRecord> rec = storage.latest(asset, def.partitions().keyAt(p));
        if (rec.isEmpty()) {
            return new Verdict(StalenessStatus.MISSING, Set.of(), Map.of());
        }
        MaterializationRecord r = rec.get();
        Set<String> causes = new TreeSet<>();
        Map<String, String[]> versions = new HashMap<>();
        if (!r.codeVersion().equals(def.codeVersion())) {
            causes.add("CODE");
        }
        Map<AssetKey, PartitionSet> reads = reads(asset, p);
        if (!r.inputDataVersions().keySet().equals(reads.keySet())) {
            causes.add("DEPS");
        }
        for (Map.Entry<AssetKey, PartitionSet> e : reads.entrySet()) {
            AssetKey u = e.getKey();
            PartitionsDefinition upDef = graph.get(u).partitions();
            String recorded = r.inputDataVersions().get(u);
            if (recorded != null) {
                String current = DataVersions.inputDataVersion(e.getValue(),
                        i -> storage.latest(u, upDef.keyAt(i)).map(MaterializationRecord::dataVersion).orElse(null));
                if (!current.equals(recorded)) {
                    causes.add("DATA:" + u);
                    versions.put(u.toString(), new String[] {recorded, current});
                }
            }
            for (long q : e.getValue().indices().toArray()) {
                StalenessStatus s = verdict(u, q).status();
                if (s == StalenessStatus.MISSING) {
                    causes.add("UPSTREAM_MISSING:" + u);
                } else if (s == StalenessStatus.STALE) {
                    causes.add("UPSTREAM_STALE:" + u);
                }
            }
        }
        return new Verdict(causes.isEmpty() ? StalenessStatus.FRESH : StalenessStatus.STALE, causes, versions);
    }

    /** Root causes of upstream partitions {@code partitions} of {@code asset}, as {@code asset|KIND|index}. */
    public Set<String> roots(AssetKey asset, PartitionSet partitions) {
        Set<String> out = new LinkedHashSet<>();
        for (long q : partitions.indices().toArray()) {
            rootsOf(asset, q, out);
        }
        return out;
    }

    private void rootsOf(AssetKey asset, long q, Set<String> out) {
        Verdict v = verdict(asset, q);
        if (v.status() == StalenessStatus.MISSING) {
            out.add(asset + "|MISSING|" + q);
            return;
        }
        for (String c : v.causes()) {
            switch (c.split(":")[0]) {
                case "CODE" -> out.add(asset + "|CODE_VERSION_CHANGED|" + q);
                case "DEPS" -> out.add(asset + "|DEPENDENCIES_CHANGED|" + q);
                case "DATA" -> out.add(asset + "|UPSTREAM_DATA_CHANGED|" + q);
                default -> {
                    AssetKey u = AssetKey.parse(c.substring(c.indexOf(':') + 1));
                    for (long r : reads(asset, q).get(u).indices().toArray()) {
                        if (verdict(u, r).status() != StalenessStatus.FRESH) {
                            rootsOf(u, r, out);
                        }
                    }
                }
            }
        }
    }
}
