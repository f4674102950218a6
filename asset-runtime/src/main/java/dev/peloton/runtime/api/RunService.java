package dev.peloton.runtime.api;

import dev.peloton.core.AssetKey;
import dev.peloton.runtime.api.RunViews.EventPageView;
import dev.peloton.runtime.api.RunViews.EventView;
import dev.peloton.runtime.api.RunViews.RunPageView;
import dev.peloton.runtime.api.RunViews.RunView;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.storage.EventRecord;
import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.NoSuchRunException;
import dev.peloton.runtime.storage.PartitionSetCodec;
import dev.peloton.runtime.storage.RunCursor;
import dev.peloton.runtime.storage.RunPage;
import dev.peloton.runtime.storage.RunQuery;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs and their events as the API and the UI show them; cancel and re-execute go to the run coordinator. */
public class RunService {

    /** The largest page of runs a client can ask for. */
    public static final int MAX_RUN_PAGE = 500;
    /** The largest page of events a client can ask for. */
    public static final int MAX_EVENT_PAGE = 1_000;

    /**
     * Filters of the run list, all optional.
     *
     * @param statuses only these statuses (empty for any)
     * @param asset    only runs whose selection includes this asset
     * @param backfill only runs of this backfill
     * @param from     created at or after
     * @param to       created before
     * @param cursor   the cursor of the previous page
     * @param limit    page size, 1..{@link #MAX_RUN_PAGE}
     */
    public record RunFilter(Set<RunStatus> statuses, AssetKey asset, String backfill, Instant from, Instant to,
            RunCursor cursor, int limit) {
    }

    private final dev.peloton.runtime.storage.RunStorage runs;
    private final EventStorage events;
    private final ObjectProvider<RunCoordinator> coordinator;
    private final JsonMapper json;

    public RunService(dev.peloton.runtime.storage.RunStorage runs, EventStorage events,
            ObjectProvider<RunCoordinator> coordinator, JsonMapper json) {
        this.runs = runs;
        this.events = events;
        this.coordinator = coordinator;
        this.json = json;
    }

    public RunPageView list(RunFilter filter) {
        Set<RunStatus> statuses = filter.statuses().isEmpty() ? Set.of() : EnumSet.copyOf(filter.statuses());
        RunQuery query = new RunQuery(statuses, filter.backfill(), filter.asset(), filter.from(), filter.to(),
                filter.cursor(), filter.limit());
        RunPage page = runs.list(query);
        List<RunView> views = new ArrayList<>(page.runs().size());
        for (RunRecord r : page.runs()) {
            views.add(view(r, false));
        }
        return new RunPageView(views, page.next().map(RunCursor::token).orElse(null));
    }

    /** The run, with its plan; {@link NoSuchRunException} when there is none. */
    public RunView get(String runId) {
        return view(runs.get(runId), true);
    }

    public RunRecord record(String runId) {
        return runs.get(runId);
    }

    /** Events of a run after sequence {@code after}, at most {@code limit}. */
    public EventPageView events(String runId, long after, int limit) {
        // Status first: a run seen finished before the page is read has no events after that page.
        RunRecord run = runs.get(runId);
        List<EventRecord> page = events.page(runId, after, limit);
        List<EventView> views = new ArrayList<>(page.size());
        long next = after;
        for (EventRecord e : page) {
            views.add(view(e));
            next = e.sequence();
        }
        return new EventPageView(runId, views, next, run.status(), run.status().isTerminal());
    }

    public RunView cancel(String runId) {
        runs.get(runId);
        return view(coordinator().cancel(runId), false);
    }

    public RunView reexecute(String runId) {
        runs.get(runId);
        return view(coordinator().reexecuteFromFailure(runId), false);
    }

    RunCoordinator coordinator() {
        RunCoordinator c = coordinator.getIfAvailable();
        if (c == null) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "No run coordinator",
                    "This application has no run coordinator, so it cannot start or change runs", java.util.Map.of());
        }
        return c;
    }

    RunView view(RunRecord r, boolean withPlan) {
        JsonNode plan = withPlan && r.planJson() != null ? json.readTree(r.planJson()) : null;
        return new RunView(r.id(), r.status(), r.priority(), r.selection().stream().map(AssetKey::toString).toList(),
                PartitionSetCodec.encode(r.partitions()), r.partitions().count(), r.tags(), r.backfillId(),
                r.workerId(), r.createdAt(), r.startedAt(), r.endedAt(), r.heartbeatAt(), r.error(), plan);
    }

    EventView view(EventRecord e) {
        return new EventView(e.sequence(), e.runId(), e.stepId(), e.type(), e.timestamp(),
                e.asset() == null ? null : e.asset().toString(), e.partitionKey(), json.readTree(e.payloadJson()));
    }
}
