package dev.peloton.ui.web;

import dev.peloton.core.InvalidPartitionKeyException;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.UnknownAssetException;
import dev.peloton.core.engine.plan.InvalidPlanRequestException;
import dev.peloton.core.engine.selection.InvalidSelectionException;
import dev.peloton.runtime.api.ApiException;
import dev.peloton.runtime.api.BackfillApiService;
import dev.peloton.runtime.api.BackfillViews.BackfillCreatedView;
import dev.peloton.runtime.api.BackfillViews.BackfillDetailView;
import dev.peloton.runtime.api.BackfillViews.BackfillPreviewView;
import dev.peloton.runtime.backfill.BackfillRecord;
import dev.peloton.runtime.backfill.BackfillRequest;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.backfill.BackfillStatus;
import dev.peloton.runtime.run.RunCoordinator;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Backfills: the list, the launch form (preview first, then launch), the detail page with progress per partition,
 * cancel and retry of the failed partitions.
 */
@Controller
public class BackfillPages {

    private final Supplier<BackfillService> backfills;
    private final BackfillApiService api;

    /**
     * Uses the application's {@link BackfillService} bean when there is one, else one of its own over the same
     * database (reading backfills needs nothing more).
     */
    public BackfillPages(ObjectProvider<BackfillService> service, DataSource dataSource, AssetGraph graph,
            ObjectProvider<RunCoordinator> coordinator, BackfillApiService api) {
        this.backfills = SingletonSupplier.of(() -> service.getIfAvailable(
                () -> new BackfillService(dataSource, graph, coordinator.getObject())));
        this.api = api;
    }

    @GetMapping("/backfills")
    String list(@RequestParam(name = "status", required = false) String status, Model model) {
        BackfillStatus filter = null;
        if (status != null && !status.isBlank()) {
            try {
                filter = BackfillStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw UiException.badRequest("Invalid status filter", "Backfill status '" + status
                        + "' is not one of " + Arrays.toString(BackfillStatus.values()));
            }
        }
        List<BackfillRecord> list = backfills.get().list(filter, 100, null);
        model.addAttribute("backfills", list);
        model.addAttribute("status", filter == null ? "" : filter.name());
        model.addAttribute("statuses", BackfillStatus.values());
        return "backfills";
    }

    @GetMapping("/backfills/new")
    String form(@RequestParam(name = "selection", required = false) String selection, Model model) {
        BackfillForm f = BackfillForm.empty();
        model.addAttribute("form", new BackfillForm(selection, f.partitions(), "", "", f.policy(), f.chunkSize(),
                false));
        return "backfill-new";
    }

    /** What the backfill would do; for htmx the preview fragment, whose errors are shown in place. */
    @PostMapping("/backfills/preview")
    String preview(@RequestParam(name = "selection", required = false) String selection,
            @RequestParam(name = "partitions", required = false) String partitions,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "policy", required = false) String policy,
            @RequestParam(name = "chunkSize", required = false) String chunkSize,
            @RequestParam(name = "onlyStaleAndMissing", defaultValue = "false") boolean onlyStale, Principal user,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
            HttpServletResponse response) {
        BackfillForm form = new BackfillForm(selection, partitions, from, to, policy, chunkSize, onlyStale);
        model.addAttribute("form", form);
        try {
            BackfillPreviewView preview = api.preview(form.toRequest(name(user)));
            model.addAttribute("preview", preview);
        } catch (RuntimeException e) {
            String message = badInput(e);
            if (message == null) {
                throw e;
            }
            model.addAttribute("formError", message);
            // htmx swaps only 2xx answers: the message goes in place of the preview, and nothing was stored.
            response.setStatus(htmx != null ? 200 : 400);
        }
        return htmx != null ? "backfill-new :: preview" : "backfill-new";
    }

    @PostMapping("/backfills")
    String launch(@RequestParam(name = "selection", required = false) String selection,
            @RequestParam(name = "partitions", required = false) String partitions,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "policy", required = false) String policy,
            @RequestParam(name = "chunkSize", required = false) String chunkSize,
            @RequestParam(name = "onlyStaleAndMissing", defaultValue = "false") boolean onlyStale, Principal user, Model model,
            HttpServletResponse response) {
        BackfillForm form = new BackfillForm(selection, partitions, from, to, policy, chunkSize, onlyStale);
        model.addAttribute("form", form);
        BackfillRequest request;
        BackfillCreatedView created;
        try {
            request = form.toRequest(name(user));
            created = api.create(request);
        } catch (RuntimeException e) {
            String message = badInput(e);
            if (message == null) {
                throw e;
            }
            model.addAttribute("formError", message);
            response.setStatus(400);
            return "backfill-new";
        }
        return "redirect:/backfills/" + created.backfillId();
    }

    @GetMapping("/backfills/{id}")
    String detail(@PathVariable("id") String id, Model model) {
        BackfillDetailView d = api.detail(backfillId(id));
        model.addAttribute("b", d.backfill());
        model.addAttribute("progress", d.progress());
        model.addAttribute("bar", BackfillBar.of(d.progress().ranges()));
        BackfillStatus status = d.backfill().status();
        model.addAttribute("canCancel", !status.isTerminal() && status != BackfillStatus.CANCELING);
        // While it runs, the progress card reloads itself (htmx) so the bar moves without a page reload.
        model.addAttribute("live", !status.isTerminal());
        model.addAttribute("canRetry", status.isTerminal() && d.backfill().numFailed() > 0);
        return "backfill";
    }

    @PostMapping("/backfills/{id}/cancel")
    String cancel(@PathVariable("id") String id) {
        String bid = backfillId(id);
        api.cancel(bid);
        return "redirect:/backfills/" + bid;
    }

    @PostMapping("/backfills/{id}/retry-failed")
    String retryFailed(@PathVariable("id") String id) {
        BackfillCreatedView child = api.retryFailed(backfillId(id));
        return "redirect:/backfills/" + child.backfillId();
    }

    static String backfillId(String text) {
        try {
            return UUID.fromString(text).toString();
        } catch (IllegalArgumentException e) {
            throw UiException.badRequest("Invalid backfill id", "'" + text + "' is not a backfill id (a UUID such"
                    + " as 0190f1c2-7d3a-7b4e-9f00-0123456789ab)");
        }
    }

    /** The message of a mistake in the request, or null for anything else (a server error). */
    static String badInput(RuntimeException e) {
        return switch (e) {
            case UiException u when u.status().is4xxClientError() -> u.getMessage();
            case ApiException a when a.status().is4xxClientError() -> a.getMessage();
            case UnknownAssetException u -> u.getMessage();
            case InvalidSelectionException s -> "Invalid asset selection: " + s.getMessage();
            case InvalidPartitionKeyException k -> k.getMessage();
            case InvalidPlanRequestException p -> p.getMessage();
            case IllegalArgumentException i -> i.getMessage();
            default -> null;
        };
    }

    private static String name(Principal user) {
        return user == null ? null : user.getName();
    }
}
