package dev.peloton.runtime.api;

import dev.peloton.core.AssetKey;
import dev.peloton.runtime.api.AssetViews.AssetSummary;
import dev.peloton.runtime.storage.MaterializationHistory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Assets. Asset keys contain slashes ({@code warehouse/stage_results}), so everything after {@code /api/assets/}
 * is read as one path: the key, then optionally {@code /partitions}, {@code /partitions/<partition key>} or
 * {@code /materializations}. A path that is exactly an asset key is that asset, even if it ends in one of those
 * words.
 */
@RestController
@RequestMapping("/api/assets")
public class AssetController {

    static final String PARTITIONS = "/partitions";
    static final String MATERIALIZATIONS = "/materializations";

    private final AssetService assets;

    public AssetController(AssetService assets) {
        this.assets = assets;
    }

    @Operation(summary = "Every asset, with its partitions summary and status counts")
    @GetMapping
    public List<AssetSummary> list() {
        return assets.list();
    }

    @Operation(summary = "One asset (path: <key>), its partition statuses (<key>/partitions), one partition "
            + "(<key>/partitions/<partition>) or its materialization history (<key>/materializations)")
    @GetMapping("/{*path}")
    public Object asset(
            @Parameter(description = "asset key, then optionally /partitions, /partitions/<partition key> or"
                    + " /materializations") @PathVariable("path") String path,
            @Parameter(description = "materializations: only this partition") @RequestParam(name = "partition",
                    required = false) String partition,
            @Parameter(description = "materializations: the nextBefore of the previous page") @RequestParam(
                    name = "before", required = false) String before,
            @Parameter(description = "materializations: page size, 1..1000 (default 50)") @RequestParam(
                    name = "limit", required = false) String limit) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.isEmpty()) {
            return assets.list();
        }
        if (isAsset(p)) {
            return assets.detail(AssetKey.parse(p));
        }
        if (p.endsWith(PARTITIONS)) {
            return assets.partitions(assets.requireAsset(p.substring(0, p.length() - PARTITIONS.length())));
        }
        if (p.endsWith(MATERIALIZATIONS)) {
            AssetKey key = assets.requireAsset(p.substring(0, p.length() - MATERIALIZATIONS.length()));
            int size = Params.intInRange("limit", limit, 50, 1, MaterializationHistory.MAX_PAGE_SIZE);
            Long beforeId = before == null || before.isEmpty() ? null
                    : Params.nonNegativeLong("before", before, 0);
            return assets.materializations(key, partition, beforeId, size);
        }
        // <key>/partitions/<partition>: the first split whose left side is an asset (partition keys may hold '/').
        String marker = PARTITIONS + "/";
        for (int i = p.indexOf(marker); i >= 0; i = p.indexOf(marker, i + 1)) {
            String left = p.substring(0, i);
            if (isAsset(left)) {
                return assets.partition(AssetKey.parse(left), p.substring(i + marker.length()));
            }
        }
        int first = p.indexOf(marker);
        throw notFound(first >= 0 ? p.substring(0, first) : p);
    }

    private boolean isAsset(String text) {
        return AssetKey.isValid(text) && assets.graph().contains(AssetKey.parse(text));
    }

    private RuntimeException notFound(String key) {
        try {
            assets.requireAsset(key);
        } catch (ApiException e) {
            return e;
        }
        return new IllegalStateException("asset " + key + " exists");
    }
}
