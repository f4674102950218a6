package dev.peloton.runtime.api;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.staleness.PartitionText;
import dev.peloton.runtime.api.BackfillViews.BackfillCreatedView;
import dev.peloton.runtime.api.BackfillViews.BackfillDetailView;
import dev.peloton.runtime.api.BackfillViews.BackfillPageView;
import dev.peloton.runtime.api.BackfillViews.BackfillPreviewView;
import dev.peloton.runtime.api.BackfillViews.BackfillView;
import dev.peloton.runtime.api.BackfillViews.ProgressView;
import dev.peloton.runtime.api.BackfillViews.StatusRangeView;
import dev.peloton.runtime.backfill.BackfillDetail;
import dev.peloton.runtime.backfill.BackfillPolicy;
import dev.peloton.runtime.backfill.BackfillPreview;
import dev.peloton.runtime.backfill.BackfillProgress;
import dev.peloton.runtime.backfill.BackfillRecord;
import dev.peloton.runtime.backfill.BackfillRequest;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.backfill.BackfillStatus;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;

/** Backfills for the REST API and the UI: the {@link BackfillService} with its answers as views. */
public class BackfillApiService {

    public static final int MAX_PAGE = 500;

    private final AssetGraph graph;
    private final ObjectProvider<BackfillService> backfills;

    public BackfillApiService(AssetGraph graph, ObjectProvider<BackfillService> backfills) {
        this.graph = graph;
        this.backfills = backfills;
    }

    private BackfillService service() {
        BackfillService s = backfills.getIfAvailable();
        if (s == null) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Backfills unavailable",
                    "This node has no backfill service (no database or no run coordinator)", Map.of());
        }
        return s;
    }

    public BackfillCreatedView create(BackfillRequest request) {
        return created(service().create(request));
    }

    public BackfillPreviewView preview(BackfillRequest request) {
        BackfillPreview p = service().preview(request);
        return new BackfillPreviewView(p.selection(), p.assets().stream().map(AssetKey::toString).toList(),
                p.partitionsAsset().toString(), text(p.partitionsAsset(), p.partitions()), p.numPartitions(),
                policy(p.policy()), p.numRuns(), p.runsWithWork(), p.stepCount(), p.estimated());
    }

    public BackfillPageView list(BackfillStatus status, int limit, String afterId) {
        List<BackfillRecord> page = service().list(status, limit + 1, afterId);
        boolean more = page.size() > limit;
        List<BackfillRecord> shown = more ? page.subList(0, limit) : page;
        return new BackfillPageView(shown.stream().map(this::view).toList(),
                more ? shown.get(shown.size() - 1).id() : null);
    }

    public BackfillDetailView detail(String id) {
        BackfillDetail d = service().detail(id);
        return new BackfillDetailView(view(d.backfill()), progress(d.progress()));
    }

    public BackfillView cancel(String id) {
        BackfillService s = service();
        try {
            return view(s.cancel(id));
        } catch (IllegalStateException e) {
            throw conflict(id, s, e);
        }
    }

    public BackfillCreatedView retryFailed(String id) {
        BackfillService s = service();
        try {
            return created(s.retryFailed(id));
        } catch (IllegalStateException e) {
            throw conflict(id, s, e);
        }
    }

    private static ApiException conflict(String id, BackfillService s, IllegalStateException e) {
        return ApiException.conflict("Backfill cannot do that now", e.getMessage(),
                Map.of("backfillId", id, "backfillStatus", s.get(id).status().name()));
    }

    private BackfillCreatedView created(BackfillRecord b) {
        return new BackfillCreatedView(b.id(), b.status(), b.partitionsAsset().toString(), b.numPartitions(),
                b.numChunks(), b.parentId());
    }

    BackfillView view(BackfillRecord b) {
        return new BackfillView(b.id(), b.status(), b.selection(), b.assets().stream().map(AssetKey::toString)
                .toList(), b.partitionsAsset().toString(), text(b.partitionsAsset(), b.partitions()),
                b.numPartitions(), policy(b.policy()), b.numChunks(), b.submittedChunks(),
                b.options().onlyStaleAndMissing(), b.options().priority(), b.options().tags(), b.parentId(),
                b.numSucceeded(), b.numFailed(), b.numCanceled(), b.createdAt(), b.updatedAt(), b.endedAt(),
                b.error());
    }

    private static ProgressView progress(BackfillProgress p) {
        return new ProgressView(p.counts(), p.ranges().stream().map(r -> new StatusRangeView(r.status(),
                r.firstKey(), r.lastKey(), r.firstIndex(), r.lastIndex(), r.count())).toList());
    }

    /** The policy as the request writes it. */
    static Object policy(BackfillPolicy policy) {
        return switch (policy) {
            case BackfillPolicy.OnePerPartition p -> "perPartition";
            case BackfillPolicy.SingleRun p -> "singleRun";
            case BackfillPolicy.Chunks c -> Map.of("chunks", c.size());
        };
    }

    private String text(AssetKey asset, PartitionSet partitions) {
        PartitionsDefinition d = graph.find(asset).map(a -> a.partitions()).orElse(PartitionsDefinition.none());
        return PartitionText.of(d, partitions);
    }
}
