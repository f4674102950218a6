package dev.peloton.ui.web;

import dev.peloton.runtime.backfill.BackfillRecord;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.backfill.BackfillStatus;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.run.RunCoordinator;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The backfills list: each backfill's selection, partitions, status and outcome counts. */
@Controller
public class BackfillPages {

    private final Supplier<BackfillService> backfills;

    /**
     * Uses the application's {@link BackfillService} bean when there is one, else one of its own over the same
     * database (reading backfills needs nothing more).
     */
    public BackfillPages(ObjectProvider<BackfillService> service, DataSource dataSource, AssetGraph graph,
            ObjectProvider<RunCoordinator> coordinator) {
        this.backfills = SingletonSupplier.of(() -> service.getIfAvailable(
                () -> new BackfillService(dataSource, graph, coordinator.getObject())));
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
}
