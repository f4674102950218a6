package dev.peloton.ui.web;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.runtime.api.AssetService;
import dev.peloton.runtime.api.AssetViews.AssetDetail;
import dev.peloton.runtime.api.AssetViews.AssetSummary;
import dev.peloton.runtime.api.AssetViews.PartitionStatusView;
import dev.peloton.runtime.api.MaterializeService;
import dev.peloton.runtime.api.RunViews.SubmittedView;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.io.TablePreviewService;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/** The asset catalog, the asset page, and materializing from it (plan preview, then submit). */
@Controller
public class AssetPages {

    private static final String PREVIEW = "/preview";
    /** Materializations shown on the asset page (and in its row count chart). */
    static final int HISTORY = 50;

    private final AssetService assets;
    private final MaterializeService materialize;
    private final MaterializationRows history;
    private final PreviewPage preview;

    public AssetPages(AssetService assets, MaterializeService materialize, MaterializationRows history,
            ObjectProvider<TablePreviewService> previews) {
        this.assets = assets;
        this.materialize = materialize;
        this.history = history;
        this.preview = new PreviewPage(assets, previews, history);
    }

    @GetMapping("/")
    String home() {
        return "redirect:/assets";
    }

    @GetMapping("/assets")
    String catalog(@RequestParam(name = "q", required = false) String q,
            @RequestParam(name = "group", required = false) String group, Model model) {
        List<AssetSummary> all = assets.list();
        String needle = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
        List<AssetSummary> shown = all.stream()
                .filter(a -> group == null || group.isEmpty() || group.equals(a.group()))
                .filter(a -> needle.isEmpty() || a.key().toLowerCase(Locale.ROOT).contains(needle)
                        || a.description() != null && a.description().toLowerCase(Locale.ROOT).contains(needle)
                        || a.owners().stream().anyMatch(o -> o.toLowerCase(Locale.ROOT).contains(needle)))
                .toList();
        TreeSet<String> groups = new TreeSet<>();
        all.forEach(a -> groups.add(a.group()));
        model.addAttribute("assets", shown);
        model.addAttribute("total", all.size());
        model.addAttribute("groups", groups);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("group", group == null ? "" : group);
        return "catalog";
    }

    @GetMapping("/assets/{*key}")
    String asset(@PathVariable("key") String path,
            @RequestParam(name = "partition", required = false) String partition, Model model,
            HttpServletResponse response) {
        String text = trim(path);
        // The catch-all path also holds /assets/<key>/preview; an asset whose key ends in "preview" wins.
        if (text.endsWith(PREVIEW) && AssetKey.isValid(text) && !assets.graph().contains(AssetKey.parse(text))) {
            AssetKey key = assets.requireAsset(text.substring(0, text.length() - PREVIEW.length()));
            return preview.render(key, partition, model, response);
        }
        AssetKey key = assets.requireAsset(text);
        // One staleness resolution for the facts and the health bar (100,000 partitions are read once).
        AssetService.AssetOverview overview = assets.overview(key);
        AssetDetail detail = overview.detail();
        AssetDefinition def = assets.graph().get(key);
        PartitionStatusView statuses = overview.partitions();
        model.addAttribute("asset", detail);
        model.addAttribute("bar", HealthBar.of(def.partitions(), statuses.ranges()));
        List<MaterializationRows.Row> latest = history.latest(key, HISTORY);
        model.addAttribute("history", latest);
        model.addAttribute("rowChart", RowCountChart.of(latest).orElse(null));
        return "asset";
    }

    /**
     * The plan a materialization would run, for the user to confirm: {@code mode=selected} plans the given
     * partitions (all when none), {@code mode=stale} only the stale and missing ones.
     */
    @PostMapping("/materialize/plan")
    String plan(@RequestParam("asset") String asset,
            @RequestParam(name = "partitions", required = false) String partitions,
            @RequestParam(name = "mode", defaultValue = "selected") String mode,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        RunRequest request = request(asset, partitions, mode, null);
        model.addAttribute("plan", materialize.plan(request));
        model.addAttribute("assetKey", request.selection());
        model.addAttribute("partitions", partitions == null ? "" : partitions);
        model.addAttribute("mode", mode);
        model.addAttribute("partitionText", request.partitions().toString());
        return htmx != null ? "plan :: preview" : "plan";
    }

    @PostMapping("/materialize")
    String submit(@RequestParam("asset") String asset,
            @RequestParam(name = "partitions", required = false) String partitions,
            @RequestParam(name = "mode", defaultValue = "selected") String mode, Principal user,
            RedirectAttributes redirect) {
        RunRequest request = request(asset, partitions, mode, user);
        SubmittedView submitted = materialize.submit(request);
        if (submitted.runIds().isEmpty()) {
            redirect.addFlashAttribute("notice", "Nothing to materialize: " + submitted.note());
            return "redirect:/assets/" + UriUtils.encodePath(request.selection(), "UTF-8");
        }
        return "redirect:/runs/" + submitted.runIds().getFirst();
    }

    private RunRequest request(String asset, String partitions, String mode, Principal user) {
        AssetKey key = assets.requireAsset(asset == null ? "" : asset.trim());
        boolean stale = switch (mode) {
            case "selected" -> false;
            case "stale" -> true;
            default -> throw UiException.badRequest("Invalid mode", "Materialize mode '" + mode
                    + "' is not one of: selected, stale");
        };
        PartitionSelection selection = stale ? PartitionSelection.all()
                : PartitionInput.parse(key, assets.graph().get(key).partitions(), partitions);
        Map<String, String> tags = user == null ? Map.of("source", "ui")
                : Map.of("source", "ui", "user", user.getName());
        return new RunRequest(key.toString(), selection, stale, false, null, 0, tags, null, null);
    }

    static String trim(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
