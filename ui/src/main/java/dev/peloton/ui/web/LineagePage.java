package dev.peloton.ui.web;

import dev.peloton.core.AssetKey;
import dev.peloton.core.InvalidPartitionKeyException;
import dev.peloton.core.engine.graph.UnknownAssetException;
import dev.peloton.core.engine.plan.InvalidPlanRequestException;
import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.core.engine.selection.InvalidSelectionException;
import dev.peloton.runtime.api.ApiException;
import dev.peloton.runtime.api.AssetService;
import dev.peloton.runtime.api.LineageService;
import dev.peloton.runtime.api.LineageService.Lineage;
import dev.peloton.runtime.api.MaterializeService;
import dev.peloton.runtime.api.RunViews.SubmittedView;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.ui.lineage.LineageLayout;
import dev.peloton.ui.lineage.LineageSvg;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The lineage graph, or the subgraph {@code ?selection=} picks, drawn as server-rendered SVG; the summary of one
 * asset for the side panel; and materializing the assets selected in the graph (plan preview, then a run).
 */
@Controller
public class LineagePage {

    private final LineageService lineage;
    private final LineageLayout layout;
    private final AssetService assets;
    private final MaterializeService materialize;
    private final MaterializationRows history;

    public LineagePage(LineageService lineage, LineageLayout layout, AssetService assets,
            MaterializeService materialize, MaterializationRows history) {
        this.lineage = lineage;
        this.layout = layout;
        this.assets = assets;
        this.materialize = materialize;
        this.history = history;
    }

    @GetMapping("/lineage")
    String lineage(@RequestParam(name = "selection", required = false) String selection,
            @RequestParam(name = "focus", required = false) String focus, Model model) {
        Lineage l = lineage.lineage(selection);
        model.addAttribute("selection", selection == null ? "" : selection);
        model.addAttribute("nodeCount", l.nodes().size());
        model.addAttribute("edgeCount", l.edges().size());
        if (l.nodes().isEmpty()) {
            model.addAttribute("svg", null);
        } else {
            LineageSvg.Drawing drawing = layout.drawing(l.nodes(), l.edges());
            model.addAttribute("svg", drawing.render(l.nodes(), focus));
            model.addAttribute("up", drawing.up());
        }
        return "lineage";
    }

    /** The side panel's summary of one asset: a fragment, 404 (in words) for an unknown key. */
    @GetMapping("/lineage/summary")
    String summary(@RequestParam("key") String text, Model model, HttpServletResponse response) {
        AssetKey key;
        try {
            key = assets.requireAsset(text.trim());
        } catch (ApiException e) {
            return problem(model, response, e.status(), e.title(), e.getMessage());
        }
        model.addAttribute("asset", assets.detail(key));
        List<MaterializationRows.Row> last = history.latest(key, 1);
        model.addAttribute("last", last.isEmpty() ? null : last.getFirst());
        return "lineage-panel :: summary";
    }

    /**
     * The plan for the assets selected in the graph ({@code selection} in selection syntax): all their
     * partitions with {@code mode=selected}, only the stale and missing ones with {@code mode=stale}.
     */
    @PostMapping("/materialize/selection/plan")
    String plan(@RequestParam(name = "selection", required = false) String selection,
            @RequestParam(name = "mode", defaultValue = "selected") String mode,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
            HttpServletResponse response) {
        try {
            RunRequest request = request(selection, mode, null);
            model.addAttribute("plan", materialize.plan(request));
            model.addAttribute("selection", request.selection());
            model.addAttribute("mode", mode);
            return htmx != null ? "lineage-plan :: preview" : "lineage-plan";
        } catch (RuntimeException e) {
            if (htmx == null) {
                throw e;
            }
            return problem(model, response, e);
        }
    }

    @PostMapping("/materialize/selection")
    String submit(@RequestParam(name = "selection", required = false) String selection,
            @RequestParam(name = "mode", defaultValue = "selected") String mode, Principal user,
            RedirectAttributes redirect) {
        RunRequest request = request(selection, mode, user);
        SubmittedView submitted = materialize.submit(request);
        if (submitted.runIds().isEmpty()) {
            redirect.addFlashAttribute("notice", "Nothing to materialize: " + submitted.note());
            return "redirect:/lineage";
        }
        return "redirect:/runs/" + submitted.runIds().getFirst();
    }

    private static RunRequest request(String selection, String mode, Principal user) {
        if (selection == null || selection.isBlank()) {
            throw UiException.badRequest("No asset selected", "Select one or more assets in the graph (shift- or"
                    + " ctrl-click to add more) before materializing");
        }
        boolean stale = switch (mode) {
            case "selected" -> false;
            case "stale" -> true;
            default -> throw UiException.badRequest("Invalid mode", "Materialize mode '" + mode
                    + "' is not one of: selected, stale");
        };
        Map<String, String> tags = user == null ? Map.of("source", "ui")
                : Map.of("source", "ui", "user", user.getName());
        return new RunRequest(selection.trim(), PartitionSelection.all(), stale, false, null, 0, tags, null, null);
    }

    /** The panel's message for a request it cannot answer; htmx swaps it in place (see lineage.js). */
    private static String problem(Model model, HttpServletResponse response, RuntimeException e) {
        return switch (e) {
            case UiException u -> problem(model, response, u.status(), u.title(), u.getMessage());
            case ApiException a -> problem(model, response, a.status(), a.title(), a.getMessage());
            case InvalidSelectionException s -> problem(model, response, HttpStatus.BAD_REQUEST,
                    "Invalid asset selection", s.getMessage());
            case UnknownAssetException u -> problem(model, response, HttpStatus.NOT_FOUND, "Unknown asset",
                    u.getMessage());
            case InvalidPlanRequestException p -> problem(model, response, HttpStatus.BAD_REQUEST,
                    "Request cannot be planned", p.getMessage());
            case InvalidPartitionKeyException p -> problem(model, response, HttpStatus.BAD_REQUEST,
                    "Invalid partition key", p.getMessage());
            default -> throw e;
        };
    }

    private static String problem(Model model, HttpServletResponse response, HttpStatus status, String title,
            String message) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "lineage-panel :: problem";
    }
}
