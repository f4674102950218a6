package dev.peloton.runtime.api;

import dev.peloton.core.AssetKey;
import dev.peloton.runtime.api.RunViews.EventPageView;
import dev.peloton.runtime.api.RunViews.RunPageView;
import dev.peloton.runtime.api.RunViews.RunView;
import dev.peloton.runtime.storage.RunCursor;
import dev.peloton.runtime.storage.RunStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Runs: list, detail, events (paged and streamed), cancel, re-execute. */
@RestController
@RequestMapping("/api/runs")
public class RunController {

    private final RunService runs;
    private final RunEventStreams streams;

    public RunController(RunService runs, RunEventStreams streams) {
        this.runs = runs;
        this.streams = streams;
    }

    @Operation(summary = "Runs, newest first, keyset-paged")
    @GetMapping
    public RunPageView list(
            @Parameter(description = "statuses, comma-separated (QUEUED,RUNNING,...)") @RequestParam(
                    name = "status", required = false) String status,
            @Parameter(description = "only runs whose selection includes this asset") @RequestParam(
                    name = "asset", required = false) String asset,
            @Parameter(description = "only runs of this backfill id") @RequestParam(name = "backfill",
                    required = false) String backfill,
            @Parameter(description = "created at or after (ISO-8601 instant)") @RequestParam(name = "from",
                    required = false) String from,
            @Parameter(description = "created before (ISO-8601 instant)") @RequestParam(name = "to",
                    required = false) String to,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(name = "cursor",
                    required = false) String cursor,
            @Parameter(description = "page size, 1..500 (default 50)") @RequestParam(name = "limit",
                    required = false) String limit) {
        int size = Params.intInRange("limit", limit, 50, 1, RunService.MAX_RUN_PAGE);
        Instant fromTime = Params.instant("from", from);
        Instant toTime = Params.instant("to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw ApiException.badParameter("from", from, "Parameter 'from' (" + from + ") must be before 'to' ("
                    + to + ")");
        }
        RunCursor after = null;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                after = RunCursor.parse(cursor);
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("cursor", cursor, e.getMessage());
            }
        }
        AssetKey assetKey = null;
        if (asset != null && !asset.isEmpty()) {
            if (!AssetKey.isValid(asset)) {
                throw ApiException.badParameter("asset", asset, "Parameter 'asset' is not a valid asset key: '"
                        + asset + "' (segments of letters, digits, _, - and ., separated by /)");
            }
            assetKey = AssetKey.parse(asset);
        }
        String backfillId = backfill == null || backfill.isEmpty() ? null : Params.runId("backfill", backfill);
        return runs.list(new RunService.RunFilter(statuses(status), assetKey, backfillId, fromTime, toTime, after,
                size));
    }

    @Operation(summary = "One run, with its plan")
    @GetMapping("/{id}")
    public RunView get(@PathVariable("id") String id) {
        return runs.get(Params.runId("id", id));
    }

    @Operation(summary = "Events of a run after a sequence number, in order")
    @GetMapping("/{id}/events")
    public EventPageView events(@PathVariable("id") String id,
            @Parameter(description = "sequence to start after (default 0)") @RequestParam(name = "after",
                    required = false) String after,
            @Parameter(description = "page size, 1..1000 (default 200)") @RequestParam(name = "limit",
                    required = false) String limit) {
        String runId = Params.runId("id", id);
        long afterSeq = Params.nonNegativeLong("after", after, 0);
        int size = Params.intInRange("limit", limit, 200, 1, RunService.MAX_EVENT_PAGE);
        return runs.events(runId, afterSeq, size);
    }

    @Operation(summary = "Server-sent events of a run's new events; ends when the run has ended and all were sent")
    @GetMapping(path = "/{id}/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable("id") String id,
            @Parameter(description = "sequence to start after (default 0)") @RequestParam(name = "after",
                    required = false) String after,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        String runId = Params.runId("id", id);
        long start = lastEventId != null && !lastEventId.isEmpty()
                ? Params.nonNegativeLong("Last-Event-ID", lastEventId, 0)
                : Params.nonNegativeLong("after", after, 0);
        return streams.open(runId, start);
    }

    @Operation(summary = "Cancels a run: a queued one at once, a running one cooperatively")
    @PostMapping("/{id}/cancel")
    public RunView cancel(@PathVariable("id") String id) {
        return runs.cancel(Params.runId("id", id));
    }

    @Operation(summary = "Queues a new run of the failed and skipped steps of a run; answers 202")
    @PostMapping("/{id}/reexecute")
    public ResponseEntity<RunView> reexecute(@PathVariable("id") String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(runs.reexecute(Params.runId("id", id)));
    }

    private static Set<RunStatus> statuses(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<RunStatus> out = EnumSet.noneOf(RunStatus.class);
        for (String part : text.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                out.add(RunStatus.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("status", part, "Parameter 'status' has '" + part.trim()
                        + "', not one of " + Arrays.toString(RunStatus.values()));
            }
        }
        return out;
    }
}
