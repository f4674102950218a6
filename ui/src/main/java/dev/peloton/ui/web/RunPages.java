package dev.peloton.ui.web;

import dev.peloton.core.AssetKey;
import dev.peloton.runtime.api.RunEventStreams;
import dev.peloton.runtime.api.RunService;
import dev.peloton.runtime.api.RunViews.EventPageView;
import dev.peloton.runtime.api.RunViews.EventView;
import dev.peloton.runtime.api.RunViews.RunPageView;
import dev.peloton.runtime.api.RunViews.RunView;
import dev.peloton.runtime.storage.RunCursor;
import dev.peloton.runtime.storage.RunIds;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.StepStorage;
import dev.peloton.runtime.storage.StepStorage.StepRow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The runs list, the run page (steps as a Gantt chart, live events), cancel and re-execute. */
@Controller
public class RunPages {

    /** Events rendered with the page; later ones arrive through the event stream. */
    static final int EVENTS_ON_PAGE = 1_000;

    /**
     * A step as a bar of the Gantt chart: {@code left} and {@code width} in percent of the run's time span.
     *
     * @param duration in words, or empty when it has not started
     */
    public record StepBar(String id, String state, int attempt, String duration, double left, double width,
            String error) {
    }

    /** A failed attempt of a step, with what the step threw. */
    public record StepFailure(String stepId, String message, String errorClass, String stackTrace, int attempt,
            boolean willRetry) {
    }

    private final RunService runs;
    private final RunEventStreams streams;
    private final StepStorage steps;

    public RunPages(RunService runs, RunEventStreams streams, StepStorage steps) {
        this.runs = runs;
        this.streams = streams;
        this.steps = steps;
    }

    @GetMapping("/runs")
    String list(@RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "asset", required = false) String asset,
            @RequestParam(name = "backfill", required = false) String backfill,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "cursor", required = false) String cursor, Model model) {
        Set<RunStatus> statuses = statuses(status);
        RunCursor after = null;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                after = RunCursor.parse(cursor);
            } catch (IllegalArgumentException e) {
                throw UiException.badRequest("Invalid page cursor", e.getMessage());
            }
        }
        String backfillId = backfill == null || backfill.isBlank() ? null : runId(backfill);
        AssetKey assetKey = assetFilter(asset);
        LocalDate fromDay = day("from", from);
        LocalDate toDay = day("to", to);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            throw UiException.badRequest("Invalid date range", "The range ends (" + toDay + ") before it starts ("
                    + fromDay + ").");
        }
        // Days are those of the server's time zone, the zone the pages show times in.
        ZoneId zone = ZoneId.systemDefault();
        Instant fromTime = fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant();
        Instant toTime = toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant();
        RunPageView page = runs.list(new RunService.RunFilter(statuses, assetKey, backfillId, fromTime, toTime,
                after, 50));
        model.addAttribute("backfill", backfillId);
        model.addAttribute("page", page);
        model.addAttribute("status", status == null ? "" : status.toUpperCase(Locale.ROOT));
        model.addAttribute("statuses", RunStatus.values());
        model.addAttribute("asset", assetKey == null ? "" : assetKey.toString());
        model.addAttribute("from", fromDay == null ? "" : fromDay.toString());
        model.addAttribute("to", toDay == null ? "" : toDay.toString());
        return "runs";
    }

    private static AssetKey assetFilter(String asset) {
        if (asset == null || asset.isBlank()) {
            return null;
        }
        String key = asset.trim();
        if (!AssetKey.isValid(key)) {
            throw UiException.badRequest("Invalid asset key", "'" + key + "' is not an asset key: use segments of"
                    + " letters, digits, _, - and ., separated by /.");
        }
        return AssetKey.parse(key);
    }

    private static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw UiException.badRequest("Invalid date", "'" + value + "' in '" + field
                    + "' is not a date: use yyyy-MM-dd.");
        }
    }

    @GetMapping("/runs/{id}")
    String run(@PathVariable("id") String id, Model model) {
        String runId = runId(id);
        RunView run = runs.get(runId);
        EventPageView events = runs.events(runId, 0, EVENTS_ON_PAGE);
        List<StepFailure> failures = new ArrayList<>();
        for (EventView e : events.events()) {
            if ("STEP_FAILED".equals(e.type())) {
                failures.add(new StepFailure(e.stepId(), text(e, "message"), text(e, "errorClass"),
                        text(e, "stackTrace"), e.payload().path("attempt").asInt(1),
                        e.payload().path("willRetry").asBoolean(false)));
            }
        }
        model.addAttribute("run", run);
        model.addAttribute("steps", bars(steps.list(runId)));
        model.addAttribute("events", events.events());
        model.addAttribute("lastSequence", events.nextAfter());
        model.addAttribute("failures", failures);
        model.addAttribute("live", !run.status().isTerminal());
        model.addAttribute("canCancel", !run.status().isTerminal() && run.status() != RunStatus.CANCELING);
        model.addAttribute("canReexecute", run.status() == RunStatus.FAILURE || run.status() == RunStatus.CANCELED);
        return "run";
    }

    /** The run's new events as server-sent events, for the run page (the session's login, not Basic auth). */
    @GetMapping(path = "/runs/{id}/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream(@PathVariable("id") String id, @RequestParam(name = "after", defaultValue = "0") long after,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        long start = after;
        if (lastEventId != null && lastEventId.matches("\\d{1,18}")) {
            start = Long.parseLong(lastEventId);
        }
        if (start < 0) {
            throw UiException.badRequest("Invalid parameter 'after'", "Parameter 'after' must be 0 or more, got "
                    + after);
        }
        return streams.open(runId(id), start);
    }

    @PostMapping("/runs/{id}/cancel")
    String cancel(@PathVariable("id") String id) {
        String runId = runId(id);
        runs.cancel(runId);
        return "redirect:/runs/" + runId;
    }

    @PostMapping("/runs/{id}/reexecute")
    String reexecute(@PathVariable("id") String id) {
        RunView next = runs.reexecute(runId(id));
        return "redirect:/runs/" + next.id();
    }

    static String runId(String text) {
        try {
            return RunIds.parse(text).toString();
        } catch (IllegalArgumentException e) {
            throw UiException.badRequest("Invalid run id", "'" + text + "' is not a run id: " + e.getMessage());
        }
    }

    static Set<RunStatus> statuses(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<RunStatus> out = EnumSet.noneOf(RunStatus.class);
        for (String part : text.split(",")) {
            try {
                out.add(RunStatus.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw UiException.badRequest("Invalid status filter", "Run status '" + part.trim()
                        + "' is not one of " + Arrays.toString(RunStatus.values()));
            }
        }
        return out;
    }

    static List<StepBar> bars(List<StepRow> rows) {
        Instant first = null;
        Instant last = null;
        Instant now = Instant.now();
        for (StepRow r : rows) {
            if (r.startedAt() != null) {
                first = first == null || r.startedAt().isBefore(first) ? r.startedAt() : first;
                Instant end = r.endedAt() != null ? r.endedAt() : now;
                last = last == null || end.isAfter(last) ? end : last;
            }
        }
        double span = first == null ? 1 : Math.max(1, Duration.between(first, last).toMillis());
        List<StepBar> out = new ArrayList<>(rows.size());
        for (StepRow r : rows) {
            double left = 0;
            double width = 0;
            String duration = "";
            if (r.startedAt() != null) {
                Instant end = r.endedAt() != null ? r.endedAt() : now;
                long ms = Duration.between(r.startedAt(), end).toMillis();
                left = Duration.between(first, r.startedAt()).toMillis() * 100.0 / span;
                width = Math.max(0.5, ms * 100.0 / span);
                duration = words(ms) + (r.endedAt() == null ? " so far" : "");
            }
            out.add(new StepBar(r.stepId(), r.state().name(), r.attempt(), duration, left, Math.min(width,
                    100 - left), r.error()));
        }
        return out;
    }

    static String words(long ms) {
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms / 1000 % 60) + " s";
    }

    private static String text(EventView e, String field) {
        var node = e.payload().get(field);
        return node == null || node.isNull() ? "" : node.asString();
    }
}
