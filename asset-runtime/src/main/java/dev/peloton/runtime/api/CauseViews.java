package dev.peloton.runtime.api;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.staleness.CauseGroup;
import dev.peloton.core.engine.staleness.RootCause;
import dev.peloton.core.engine.staleness.StaleCause;
import dev.peloton.runtime.api.AssetViews.CauseView;
import dev.peloton.runtime.api.AssetViews.RootCauseView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Staleness causes as API views: the engine's words plus the data behind them. */
final class CauseViews {

    private CauseViews() {
    }

    static RootCauseView root(RootCause r) {
        return new RootCauseView(r.asset().toString(), r.kind().name(), r.partitions().count(), r.keys(),
                r.describe());
    }

    /** The causes of one partition. */
    static CauseView of(StaleCause cause) {
        Map<String, Object> details = new LinkedHashMap<>();
        return switch (cause) {
            case StaleCause.CodeVersionChanged c -> {
                details.put("recordedCodeVersion", c.recordedCodeVersion());
                details.put("currentCodeVersion", c.currentCodeVersion());
                yield new CauseView(c.kind().name(), c.describe(), null, 0, "", List.of(), details);
            }
            case StaleCause.DependenciesChanged c -> {
                details.put("added", sorted(c.added()));
                details.put("removed", sorted(c.removed()));
                yield new CauseView(c.kind().name(), c.describe(), null, 0, "", List.of(), details);
            }
            case StaleCause.UpstreamDataChanged c -> {
                details.put("recordedInputDataVersion", c.recordedVersion());
                details.put("currentInputDataVersion", c.currentVersion());
                yield new CauseView(c.kind().name(), c.describe(), c.upstream().toString(),
                        c.upstreamPartitions().count(), c.upstreamKeys(), List.of(), details);
            }
            case StaleCause.UpstreamStale c -> new CauseView(c.kind().name(), c.describe(), c.upstream().toString(),
                    c.upstreamPartitions().count(), c.upstreamKeys(),
                    c.rootCauses().stream().map(CauseViews::root).toList(), details);
            case StaleCause.UpstreamMissing c -> new CauseView(c.kind().name(), c.describe(),
                    c.upstream().toString(), c.upstreamPartitions().count(), c.upstreamKeys(),
                    c.rootCauses().stream().map(CauseViews::root).toList(), details);
        };
    }

    /** A group of partitions of an asset sharing one cause, summarised in a sentence. */
    static CauseView of(CauseGroup g, boolean partitioned) {
        String up = g.upstream() == null ? null : g.upstream().toString();
        String what = switch (g.kind()) {
            case CODE_VERSION_CHANGED -> "the code version changed since they were materialized";
            case DEPENDENCIES_CHANGED -> "the asset's dependencies changed since they were materialized";
            case UPSTREAM_DATA_CHANGED -> "upstream " + up + " has new data";
            case UPSTREAM_MISSING -> "upstream " + up + " is missing ("
                    + g.rootCauses().stream().map(RootCause::describe).collect(Collectors.joining("; ")) + ")";
            case UPSTREAM_STALE -> "upstream " + up + " is stale because "
                    + g.rootCauses().stream().map(RootCause::describe).collect(Collectors.joining("; "));
        };
        long n = g.partitions().count();
        String description = partitioned
                ? n + (n == 1 ? " partition (" : " partitions (") + g.keys() + ") stale: " + what
                : "stale: " + what;
        return new CauseView(g.kind().name(), description, up, n, g.keys(),
                g.rootCauses().stream().map(CauseViews::root).toList(), Map.of());
    }

    private static List<String> sorted(java.util.Set<AssetKey> keys) {
        return keys.stream().sorted().map(AssetKey::toString).toList();
    }
}
