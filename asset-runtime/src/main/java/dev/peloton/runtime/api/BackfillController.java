package dev.peloton.runtime.api;

import dev.peloton.runtime.api.BackfillViews.BackfillCreatedView;
import dev.peloton.runtime.api.BackfillViews.BackfillDetailView;
import dev.peloton.runtime.api.BackfillViews.BackfillPageView;
import dev.peloton.runtime.api.BackfillViews.BackfillPreviewView;
import dev.peloton.runtime.api.BackfillViews.BackfillView;
import dev.peloton.runtime.backfill.BackfillStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Backfills: create (and preview), list, detail with progress, cancel, retry the failed partitions. */
@RestController
@RequestMapping("/api/backfills")
public class BackfillController {

    private final BackfillApiService backfills;

    public BackfillController(BackfillApiService backfills) {
        this.backfills = backfills;
    }

    @Operation(summary = "Stores a backfill; the backfill daemon submits its runs. Answers 202 with its id and run"
            + " count")
    @PostMapping(consumes = "application/json")
    public ResponseEntity<BackfillCreatedView> create(@io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = BackfillRequestBody.class)))
            @RequestBody(required = false) JsonNode body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(backfills.create(BackfillRequestReader.read(body)));
    }

    @Operation(summary = "How many runs and steps a backfill would make, without storing anything")
    @PostMapping(path = "/preview", consumes = "application/json")
    public BackfillPreviewView preview(@io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = BackfillRequestBody.class)))
            @RequestBody(required = false) JsonNode body) {
        return backfills.preview(BackfillRequestReader.read(body));
    }

    @Operation(summary = "Backfills, newest first, keyset-paged")
    @GetMapping
    public BackfillPageView list(
            @Parameter(description = "only backfills in this status (REQUESTED, RUNNING, COMPLETED, ...)")
            @RequestParam(name = "status", required = false) String status,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(name = "cursor",
                    required = false) String cursor,
            @Parameter(description = "page size, 1..500 (default 50)") @RequestParam(name = "limit",
                    required = false) String limit) {
        int size = Params.intInRange("limit", limit, 50, 1, BackfillApiService.MAX_PAGE);
        String after = cursor == null || cursor.isEmpty() ? null : Params.backfillId("cursor", cursor);
        return backfills.list(status(status), size, after);
    }

    @Operation(summary = "One backfill with the status of its partitions, range-encoded, and counts per status")
    @GetMapping("/{id}")
    public BackfillDetailView get(@PathVariable("id") String id) {
        return backfills.detail(Params.backfillId("id", id));
    }

    @Operation(summary = "Cancels a backfill: no more runs are submitted, its runs are canceled; 409 if it has"
            + " ended")
    @PostMapping("/{id}/cancel")
    public BackfillView cancel(@PathVariable("id") String id) {
        return backfills.cancel(Params.backfillId("id", id));
    }

    @Operation(summary = "Retries the failed partitions of a backfill that has ended, as a child backfill; answers"
            + " 202")
    @PostMapping("/{id}/retry-failed")
    public ResponseEntity<BackfillCreatedView> retryFailed(@PathVariable("id") String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(backfills.retryFailed(Params.backfillId("id", id)));
    }

    private static BackfillStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return BackfillStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("status", text, "Parameter 'status' is '" + text + "', not one of "
                    + Arrays.toString(BackfillStatus.values()));
        }
    }
}
