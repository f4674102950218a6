package dev.peloton.ui.web;

import dev.peloton.core.AssetKey;
import dev.peloton.core.TablePreview;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.runtime.api.AssetService;
import dev.peloton.runtime.io.ColumnStatistics;
import dev.peloton.runtime.io.IOManagerException;
import dev.peloton.runtime.io.TablePreviewService;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ui.Model;

/**
 * The data preview of an asset partition ({@code /assets/<key>/preview?partition=}): its first rows and per-column
 * statistics, for assets stored by an IO manager that can be queried (DuckDB, Parquet); a message otherwise.
 * Served by {@link AssetPages}, whose catch-all path also holds these URLs.
 */
public class PreviewPage {

    /** Rows shown: enough to see the shape of the data, few enough for a page. */
    static final int ROWS = 50;

    private final AssetService assets;
    private final ObjectProvider<TablePreviewService> previews;
    private final MaterializationRows history;

    public PreviewPage(AssetService assets, ObjectProvider<TablePreviewService> previews,
            MaterializationRows history) {
        this.assets = assets;
        this.previews = previews;
        this.history = history;
    }

    String render(AssetKey key, String partition, Model model, HttpServletResponse response) {
        AssetDefinition def = assets.graph().get(key);
        String p = partition == null ? "" : partition.trim();
        if (def.partitions().isPartitioned()) {
            if (p.isEmpty()) {
                // The newest materialized partition is what one most likely wants to look at.
                List<MaterializationRows.Row> latest = history.latest(key, 1);
                p = latest.isEmpty() ? def.partitions().keyAt(0) : latest.getFirst().partition();
            }
            def.partitions().requireIndex(key, p);
        } else if (!p.isEmpty()) {
            throw UiException.badRequest("Invalid partition key", "Asset '" + key + "' is not partitioned: leave"
                    + " 'partition' out, got '" + p + "'");
        }
        model.addAttribute("assetKey", key.toString());
        model.addAttribute("ioManager", def.ioManager());
        model.addAttribute("partition", p);
        model.addAttribute("partitioned", def.partitions().isPartitioned());
        TablePreviewService service = previews.getIfAvailable();
        if (service == null) {
            model.addAttribute("unsupported", "Data previews are off on this node (no DuckDB IO manager is"
                    + " configured).");
            return "preview";
        }
        try {
            TablePreview rows = service.preview(def, p, ROWS);
            List<ColumnStatistics> stats = service.statistics(def, p);
            model.addAttribute("table", rows);
            model.addAttribute("stats", stats);
        } catch (IOManagerException e) {
            // Most often the partition was never materialized; DuckDB's message says which table is missing.
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("failure", "Nothing to preview for asset '" + key + "'"
                    + (p.isEmpty() ? "" : " partition '" + p + "'") + ": has it been materialized? (" + e.getMessage()
                    + ")");
        } catch (IllegalArgumentException e) {
            // The service's reason is about registration; the user needs to know what can be previewed at all.
            model.addAttribute("unsupported", "Asset '" + key + "' is stored by the IO manager '" + def.ioManager()
                    + "', which cannot show its data here: only assets stored by the DuckDB and Parquet IO managers"
                    + " (ioManager = \"duckdb\" or \"parquet\") can be previewed. (" + e.getMessage() + ")");
        }
        return "preview";
    }
}
