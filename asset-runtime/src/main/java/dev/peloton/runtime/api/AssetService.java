package dev.peloton.runtime.api;

import dev.peloton.core.AssetKey;
import dev.peloton.core.DynamicPartitions;
import dev.peloton.core.MultiPartitions;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.StaticPartitions;
import dev.peloton.core.TimeWindowPartitions;
import dev.peloton.core.Unpartitioned;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.KeySuggestions;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.core.engine.staleness.AssetStaleness;
import dev.peloton.core.engine.staleness.Staleness;
import dev.peloton.core.engine.staleness.StalenessReport;
import dev.peloton.core.engine.staleness.StalenessResolver;
import dev.peloton.runtime.api.AssetViews.AssetDetail;
import dev.peloton.runtime.api.AssetViews.AssetSummary;
import dev.peloton.runtime.api.AssetViews.CauseView;
import dev.peloton.runtime.api.AssetViews.CheckView;
import dev.peloton.runtime.api.AssetViews.EdgeView;
import dev.peloton.runtime.api.AssetViews.FailureView;
import dev.peloton.runtime.api.AssetViews.MaterializationPage;
import dev.peloton.runtime.api.AssetViews.MaterializationView;
import dev.peloton.runtime.api.AssetViews.PartitionDetail;
import dev.peloton.runtime.api.AssetViews.PartitionStatusView;
import dev.peloton.runtime.api.AssetViews.PartitionsSummary;
import dev.peloton.runtime.api.AssetViews.StalenessSummary;
import dev.peloton.runtime.api.AssetViews.StatusRange;
import dev.peloton.runtime.storage.AssetPartitionStatus;
import dev.peloton.runtime.storage.MaterializationHistory;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assets as the API and the UI show them: definitions from the asset graph, statuses from staleness and the
 * latest-state table, history from storage. Every method resolves what it needs once per call.
 */
public class AssetService {

    private final AssetGraph graph;
    private final AssetStateStorage state;
    private final MaterializationHistory history;

    public AssetService(AssetGraph graph, AssetStateStorage state, MaterializationHistory history) {
        this.graph = graph;
        this.state = state;
        this.history = history;
    }

    public AssetGraph graph() {
        return graph;
    }

    /**
     * The asset named by {@code text}.
     *
     * @throws ApiException 400 when it is not a valid key, 404 (with close matches) when no asset has it
     */
    public AssetKey requireAsset(String text) {
        if (!AssetKey.isValid(text)) {
            String why;
            try {
                AssetKey.parse(text);
                why = "";
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
            throw ApiException.badParameter("key", text, why);
        }
        AssetKey key = AssetKey.parse(text);
        if (!graph.contains(key)) {
            List<String> close = KeySuggestions.closest(key.toString(),
                    graph.definitions().stream().map(d -> d.key().toString()).toList(), 5);
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("asset", key.toString());
            props.put("closeMatches", close);
            throw ApiException.notFound("Unknown asset", "No asset has the key '" + key + "'"
                    + (close.isEmpty() ? "" : "; close matches: " + String.join(", ", close)), props);
        }
        return key;
    }

    /** Every asset, in topological order, with its status counts. */
    public List<AssetSummary> list() {
        Map<AssetKey, PartitionStatusSets> all = statuses();
        List<AssetSummary> out = new ArrayList<>(graph.size());
        for (AssetDefinition d : graph.definitions()) {
            PartitionStatusSets statuses = all.get(d.key());
            out.add(new AssetSummary(d.key().toString(), d.group(), d.description(), d.owners(), new TreeMap<>(d.tags()),
                    kind(d), partitions(d.partitions()), statuses.worst(), statuses.counts()));
        }
        return out;
    }

    /**
     * The status of every asset of the graph (for lineage and the asset list), by key, in graph order. The state
     * is read in bulk (a query for all latest materializations, one per failed and in-progress status) rather
     * than asset by asset, so that thousands of assets cost a few round trips.
     */
    public Map<AssetKey, PartitionStatusSets> statuses() {
        StalenessReport report = new StalenessResolver(graph, state).resolve();
        Map<AssetKey, List<String>> failed = Map.of();
        Map<AssetKey, List<String>> running = Map.of();
        if (state instanceof PostgresAssetStateStorage pg) {
            List<AssetKey> keys = graph.definitions().stream().map(AssetDefinition::key).toList();
            failed = pg.partitionKeysWithStatus(keys, AssetPartitionStatus.FAILED);
            running = pg.partitionKeysWithStatus(keys, AssetPartitionStatus.IN_PROGRESS);
        }
        Map<AssetKey, PartitionStatusSets> out = new LinkedHashMap<>();
        for (AssetDefinition d : graph.definitions()) {
            out.put(d.key(), PartitionStatusSets.of(report.summary(d.key()),
                    indices(d, failed.getOrDefault(d.key(), List.of())),
                    indices(d, running.getOrDefault(d.key(), List.of()))));
        }
        return out;
    }

    public AssetDetail detail(AssetKey key) {
        StalenessReport report = new StalenessResolver(graph, state).resolve(List.of(key));
        return detail(key, report, statuses(graph.get(key), report.summary(key)));
    }

    /**
     * An asset's detail and the status of its partitions, from one staleness resolution (what the asset page
     * shows; asking {@link #detail} and {@link #partitions} separately resolves twice).
     */
    public AssetOverview overview(AssetKey key) {
        StalenessReport report = new StalenessResolver(graph, state).resolve(List.of(key));
        PartitionStatusSets statuses = statuses(graph.get(key), report.summary(key));
        return new AssetOverview(detail(key, report, statuses), partitions(key, statuses));
    }

    /** An asset's detail with the status of its partitions. */
    public record AssetOverview(AssetDetail detail, PartitionStatusView partitions) {
    }

    private AssetDetail detail(AssetKey key, StalenessReport report, PartitionStatusSets statuses) {
        AssetDefinition d = graph.get(key);
        int i = graph.indexOf(key);
        AssetStaleness summary = report.summary(key);
        List<CauseView> causes = report.causes(key, summary.stale()).stream()
                .map(g -> CauseViews.of(g, d.isPartitioned())).toList();
        List<EdgeView> up = Arrays.stream(graph.upstreamEdges(i))
                .map(e -> new EdgeView(graph.definition(e.upstream()).key().toString(), e.mapping().describe(),
                        e.dependency().parameterName()))
                .toList();
        List<EdgeView> down = Arrays.stream(graph.downstreamEdges(i))
                .map(e -> new EdgeView(graph.definition(e.downstream()).key().toString(), e.mapping().describe(),
                        e.dependency().parameterName()))
                .toList();
        List<CheckView> checks = graph.checksOf(key).stream()
                .map(c -> new CheckView(c.name(), c.description(), c.blocking())).toList();
        return new AssetDetail(key.toString(), d.group(), d.description(), d.owners(), new TreeMap<>(d.tags()),
                kind(d), d.codeVersion(), d.codeVersionSource().name(), d.ioManager(), d.pool(), d.origin(),
                partitions(d.partitions()), up, down, checks,
                new StalenessSummary(statuses.worst(), statuses.counts(), causes));
    }

    /** The status of every partition, as runs of consecutive partitions with one status. */
    public PartitionStatusView partitions(AssetKey key) {
        AssetStaleness summary = new StalenessResolver(graph, state).resolve(List.of(key)).summary(key);
        return partitions(key, statuses(graph.get(key), summary));
    }

    private PartitionStatusView partitions(AssetKey key, PartitionStatusSets statuses) {
        PartitionsDefinition def = graph.get(key).partitions();
        PartitionStatusSets.StatusRun[] runs = statuses.runs();
        List<StatusRange> ranges = new ArrayList<>(runs.length);
        for (PartitionStatusSets.StatusRun r : runs) {
            ranges.add(new StatusRange(def.keyAt(r.start()), def.keyAt(r.end() - 1), r.status(), r.end() - r.start()));
        }
        return new PartitionStatusView(key.toString(), partitions(def), statuses.counts(), ranges);
    }

    /** One partition: its status, staleness causes, latest materialization and latest failure. */
    public PartitionDetail partition(AssetKey key, String partitionKey) {
        AssetDefinition d = graph.get(key);
        long index = d.partitions().requireIndex(key, partitionKey);
        StalenessReport report = new StalenessResolver(graph, state).resolve(List.of(key));
        Staleness staleness = report.staleness(key, index);
        PartitionStatusSets statuses = statuses(d, report.summary(key));
        PartitionStatus status = PartitionStatus.FRESH;
        for (PartitionStatus s : PartitionStatus.values()) {
            if (statuses.set(s).contains(index)) {
                status = s;
            }
        }
        MaterializationView last = state.latest(key, partitionKey).map(AssetService::view).orElse(null);
        FailureView failure = state.latestFailure(key, partitionKey)
                .map(f -> new FailureView(f.runId(), f.error(), f.timestamp())).orElse(null);
        return new PartitionDetail(key.toString(), partitionKey, index, status, staleness.status().name(),
                staleness.causes().stream().map(CauseViews::of).toList(), last, failure);
    }

    /** Past materializations, newest first; of one partition when {@code partitionKey} is not null. */
    public MaterializationPage materializations(AssetKey key, String partitionKey, Long before, int limit) {
        AssetDefinition d = graph.get(key);
        if (partitionKey != null) {
            d.partitions().requireIndex(key, partitionKey);
        }
        MaterializationHistory.Page page = history.page(key, partitionKey, before, limit);
        List<MaterializationView> views = page.entries().stream()
                .map(e -> new MaterializationView(e.id(), e.partitionKey(), e.dataVersion(), e.codeVersion(),
                        inputs(e.inputDataVersions()), e.runId(), e.materializedAt()))
                .toList();
        return new MaterializationPage(key.toString(), partitionKey, views, page.nextBefore().orElse(null));
    }

    private PartitionStatusSets statuses(AssetDefinition d, AssetStaleness staleness) {
        PartitionSet failed = PartitionSet.empty();
        PartitionSet running = PartitionSet.empty();
        if (state instanceof PostgresAssetStateStorage pg) {
            failed = indices(d, pg.partitionKeysWithStatus(d.key(), AssetPartitionStatus.FAILED));
            running = indices(d, pg.partitionKeysWithStatus(d.key(), AssetPartitionStatus.IN_PROGRESS));
        }
        return PartitionStatusSets.of(staleness, failed, running);
    }

    /** Stored keys as indices; keys no longer in the definition (a dynamic key deleted since) are left out. */
    private static PartitionSet indices(AssetDefinition d, List<String> keys) {
        if (keys.isEmpty()) {
            return PartitionSet.empty();
        }
        long[] idx = new long[keys.size()];
        int n = 0;
        for (String k : keys) {
            long i = d.partitions().indexOf(k);
            if (i >= 0) {
                idx[n++] = i;
            }
        }
        Arrays.sort(idx, 0, n);
        PartitionSet.Builder b = PartitionSet.builder();
        for (int i = 0; i < n; i++) {
            b.add(idx[i]);
        }
        return b.build();
    }

    static PartitionsSummary partitions(PartitionsDefinition def) {
        String type = switch (def) {
            case Unpartitioned u -> "unpartitioned";
            case StaticPartitions s -> "static";
            case TimeWindowPartitions t -> "time-window";
            case DynamicPartitions dyn -> "dynamic";
            case MultiPartitions m -> "multi";
        };
        return new PartitionsSummary(def.isPartitioned(), type, def.describe(), def.size());
    }

    static String kind(AssetDefinition d) {
        return d.computeId().equals(d.key().toString()) ? "asset" : "multi-asset";
    }

    private static MaterializationView view(MaterializationRecord r) {
        return new MaterializationView(null, r.partitionKey(), r.dataVersion(), r.codeVersion(),
                inputs(r.inputDataVersions()), r.runId(), r.timestamp());
    }

    private static Map<String, String> inputs(Map<AssetKey, String> versions) {
        Map<String, String> out = new TreeMap<>();
        versions.forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }
}
