package dev.peloton.runtime.automation;

import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.storage.RunRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs schedules and sensors. Quartz (clustered, on PostgreSQL) decides when and on which node a tick fires;
 * this class decides what a tick does, and makes it idempotent: a tick first inserts its row in {@code ticks},
 * keyed on (schedule or sensor, scheduled time), so a tick fired twice (two nodes, a catch-up racing a fire) is
 * done once; the runs it requests carry run keys, so even a tick redone after a crash starts no second run.
 */
public final class AutomationEngine {

    /** The most missed ticks {@link MissedTickPolicy#ALL} runs after a stop; older ones are dropped. */
    public static final int MAX_CATCH_UP_TICKS = 1_000;
    /** Tags on the runs a schedule or sensor requests. */
    public static final String SCHEDULE_TAG = "peloton/schedule";
    public static final String SENSOR_TAG = "peloton/sensor";
    public static final String TICK_TAG = "peloton/tick";

    private static final Logger LOG = LoggerFactory.getLogger(AutomationEngine.class);

    private final AutomationStore store;
    private final SensorData sensorData;
    private final Supplier<RunCoordinator> coordinator;
    private final SelectionPartitions selectionPartitions;
    private final Clock clock;
    // Replaced whole at start, read by Quartz threads: immutable maps in volatile fields.
    private volatile Map<String, ScheduleDefinition> schedules = Map.of();
    private volatile Map<String, SensorDefinition> sensors = Map.of();
    private static final int REGISTER_ATTEMPTS = 5;

    private volatile QuartzTriggers triggers;

    public AutomationEngine(DataSource dataSource, Supplier<RunCoordinator> coordinator,
            SelectionPartitions selectionPartitions, Clock clock) {
        this.store = new AutomationStore(dataSource);
        this.sensorData = new SensorData(dataSource);
        this.coordinator = coordinator;
        this.selectionPartitions = selectionPartitions == null ? SelectionPartitions.none() : selectionPartitions;
        this.clock = clock;
    }

    /**
     * Registers the definitions, creates their state rows (on or off as declared, the first time only), puts their
     * triggers in Quartz (paused when off) and runs the missed ticks of schedules by their policy.
     */
    public synchronized void start(Scheduler scheduler, List<ScheduleDefinition> scheduleDefinitions,
            List<SensorDefinition> sensorDefinitions) {
        Map<String, ScheduleDefinition> newSchedules = new LinkedHashMap<>();
        for (ScheduleDefinition d : scheduleDefinitions) {
            if (newSchedules.putIfAbsent(d.name(), d) != null) {
                throw new InvalidAutomationException("Two schedules are named '" + d.name() + "'");
            }
        }
        Map<String, SensorDefinition> newSensors = new LinkedHashMap<>();
        for (SensorDefinition d : sensorDefinitions) {
            if (newSensors.putIfAbsent(d.name(), d) != null) {
                throw new InvalidAutomationException("Two sensors are named '" + d.name() + "'");
            }
        }
        if ((!newSchedules.isEmpty() || !newSensors.isEmpty()) && coordinator.get() == null) {
            throw new IllegalStateException("Schedules and sensors are declared (" + newSchedules.keySet() + ", "
                    + newSensors.keySet() + ") but there is no RunCoordinator bean to submit their runs");
        }
        schedules = Collections.unmodifiableMap(newSchedules);
        sensors = Collections.unmodifiableMap(newSensors);
        Instant now = clock.instant();
        Map<String, Boolean> scheduleOn = new HashMap<>();
        Map<String, Boolean> sensorOn = new HashMap<>();
        schedules.values().forEach(d -> scheduleOn.put(d.name(),
                store.ensure(InstigatorKind.SCHEDULE, d.name(), d.defaultOn(), now).on()));
        sensors.values().forEach(d -> sensorOn.put(d.name(),
                store.ensure(InstigatorKind.SENSOR, d.name(), d.defaultOn(), now).on()));
        QuartzTriggers t = new QuartzTriggers(scheduler);
        // Nodes starting together on a new database race to insert the same jobs; the loser's insert fails on the
        // job's key. Registering again then finds the job the winner stored (and replaces it only if it differs).
        for (int attempt = 1; ; attempt++) {
            try {
                t.register(schedules.values(), sensors.values(), scheduleOn, sensorOn);
                break;
            } catch (SchedulerException e) {
                if (attempt == REGISTER_ATTEMPTS) {
                    throw new IllegalStateException("Could not register schedules and sensors with Quartz", e);
                }
                LOG.info("Registering schedules and sensors with Quartz raced another node ({}); again", e.getMessage());
            }
        }
        this.triggers = t;
        catchUpMissedTicks(now);
    }

    /** What a Quartz fire does: the tick, unless the schedule or sensor was turned off meanwhile. */
    void fire(InstigatorKind kind, String name, Instant tickTime) {
        Optional<AutomationStore.State> state = store.find(kind, name);
        if (state.isEmpty() || !state.get().on()) {
            LOG.debug("{} '{}' is off or unknown, tick {} ignored", kind, name, tickTime);
            return;
        }
        switch (kind) {
            case SCHEDULE -> {
                if (schedules.containsKey(name)) {
                    scheduleTick(name, tickTime);
                }
            }
            case SENSOR -> {
                if (sensors.containsKey(name)) {
                    sensorTick(name, tickTime);
                }
            }
        }
    }

    /**
     * Runs one tick of a schedule at {@code tickTime}, whether it is on or not; empty when that tick was already
     * run. Quartz fires, catch-ups and "tick now" from the UI all come here.
     */
    public Optional<TickRecord> scheduleTick(String name, Instant tickTime) {
        ScheduleDefinition def = schedule(name);
        Optional<Long> tickId = store.startTick(InstigatorKind.SCHEDULE, name, tickTime);
        if (tickId.isEmpty()) {
            return Optional.empty();
        }
        long id = tickId.get();
        try {
            ScheduleTick tick = new ScheduleTick(name, tickTime, def.zone(), selectionPartitions.of(def.selection()));
            TickDecision decision = Objects.requireNonNull(def.partitions().decide(tick),
                    () -> "the partition function of schedule '" + name + "' returned null");
            switch (decision) {
                case TickDecision.Skip skip -> end(id, InstigatorKind.SCHEDULE, name, tickTime, TickStatus.SKIPPED,
                        List.of(), skip.reason(), null, null);
                case TickDecision.Run run -> {
                    RunRequest base = def.request();
                    Map<String, String> tags = new HashMap<>(base.tags());
                    tags.put(SCHEDULE_TAG, name);
                    tags.put(TICK_TAG, tickTime.toString());
                    String runKey = "schedule:" + name + ":" + tickTime;
                    RunRequest request = new RunRequest(def.selection(), run.partitions(),
                            base.onlyStaleAndMissing(), base.memoize(), base.granularity(), base.priority(), tags,
                            null, runKey);
                    Optional<RunRecord> queued = coordinator.get().submit(request);
                    if (queued.isPresent()) {
                        end(id, InstigatorKind.SCHEDULE, name, tickTime, TickStatus.SUCCESS,
                                List.of(queued.get().id()), null, null, null);
                    } else {
                        end(id, InstigatorKind.SCHEDULE, name, tickTime, TickStatus.SKIPPED, List.of(),
                                "no run queued for " + run.partitions() + ": run key " + runKey
                                        + " was already used, or there was nothing to run", null, null);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.warn("Tick {} of schedule '{}' failed", tickTime, name, e);
            end(id, InstigatorKind.SCHEDULE, name, tickTime, TickStatus.FAILURE, List.of(), null, describe(e), null);
        }
        return Optional.of(tickById(InstigatorKind.SCHEDULE, name, id));
    }

    /** Runs one evaluation of a sensor at {@code tickTime}; empty when that tick was already run. */
    public Optional<TickRecord> sensorTick(String name, Instant tickTime) {
        SensorDefinition def = sensor(name);
        Optional<Long> tickId = store.startTick(InstigatorKind.SENSOR, name, tickTime);
        if (tickId.isEmpty()) {
            return Optional.empty();
        }
        long id = tickId.get();
        try {
            String cursor = store.find(InstigatorKind.SENSOR, name).map(AutomationStore.State::cursor).orElse(null);
            SensorResult result = Objects.requireNonNull(
                    def.evaluator().evaluate(new SensorContext(name, tickTime, cursor, sensorData)),
                    () -> "sensor '" + name + "' returned no result");
            List<String> runIds = new ArrayList<>();
            for (KeyedRunRequest keyed : result.runRequests()) {
                RunRequest r = keyed.request();
                Map<String, String> tags = new HashMap<>(r.tags());
                tags.put(SENSOR_TAG, name);
                tags.put(TICK_TAG, tickTime.toString());
                RunRequest request = new RunRequest(r.selection(), r.partitions(), r.onlyStaleAndMissing(),
                        r.memoize(), r.granularity(), r.priority(), tags, r.backfillId(),
                        "sensor:" + name + ":" + keyed.runKey());
                coordinator.get().submit(request).ifPresent(run -> runIds.add(run.id()));
            }
            if (result.skipReason() != null) {
                end(id, InstigatorKind.SENSOR, name, tickTime, TickStatus.SKIPPED, runIds, result.skipReason(), null,
                        result.cursor());
            } else if (!result.runRequests().isEmpty() && runIds.isEmpty()) {
                end(id, InstigatorKind.SENSOR, name, tickTime, TickStatus.SKIPPED, runIds, "all "
                        + result.runRequests().size() + " run requests had run keys already used", null,
                        result.cursor());
            } else {
                end(id, InstigatorKind.SENSOR, name, tickTime, TickStatus.SUCCESS, runIds, null, null,
                        result.cursor());
            }
        } catch (Exception | Error e) {
            // The cursor stays where it was: the next evaluation sees the same input again.
            LOG.warn("Evaluation {} of sensor '{}' failed", tickTime, name, e);
            end(id, InstigatorKind.SENSOR, name, tickTime, TickStatus.FAILURE, List.of(), null, describe(e), null);
        }
        return Optional.of(tickById(InstigatorKind.SENSOR, name, id));
    }

    private void end(long id, InstigatorKind kind, String name, Instant tickTime, TickStatus status,
            List<String> runIds, String skipReason, String error, String cursor) {
        store.endTick(id, kind, name, tickTime, status, runIds, skipReason, error, cursor);
    }

    private TickRecord tickById(InstigatorKind kind, String name, long id) {
        return store.ticks(kind, name, id + 1, 1).ticks().getFirst();
    }

    /** Runs, by each schedule's policy, the ticks that fell between its last tick and {@code now}. */
    void catchUpMissedTicks(Instant now) {
        for (ScheduleDefinition def : schedules.values()) {
            AutomationStore.State state = store.find(InstigatorKind.SCHEDULE, def.name()).orElseThrow();
            if (!state.on() || state.lastTickAt() == null || def.missedTicks() == MissedTickPolicy.NONE) {
                store.advanceLastTick(InstigatorKind.SCHEDULE, def.name(), now);
                continue;
            }
            MissedTicks.Result missed = MissedTicks.between(def, state.lastTickAt(), now,
                    def.missedTicks() == MissedTickPolicy.ALL ? MAX_CATCH_UP_TICKS : 1);
            if (missed.dropped() > 0 && def.missedTicks() == MissedTickPolicy.ALL) {
                LOG.warn("Schedule '{}' missed {} ticks; running only the newest {}", def.name(),
                        missed.dropped() + missed.ticks().size(), missed.ticks().size());
            }
            if (!missed.ticks().isEmpty()) {
                LOG.info("Schedule '{}' missed {} ticks since {}; running {} ({})", def.name(),
                        missed.dropped() + missed.ticks().size(), state.lastTickAt(), missed.ticks().size(),
                        def.missedTicks());
            }
            for (Instant tick : missed.ticks()) {
                scheduleTick(def.name(), tick);
            }
            store.advanceLastTick(InstigatorKind.SCHEDULE, def.name(), now);
        }
    }

    /** Turns a schedule or sensor on or off, for the whole cluster: the state row and the Quartz trigger. */
    public void setOn(InstigatorKind kind, String name, boolean on) {
        requireKnown(kind, name);
        store.setOn(kind, name, on, clock.instant());
        try {
            requireStarted().setPaused(kind, name, !on);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not " + (on ? "resume" : "pause") + " the trigger of "
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + name + "'", e);
        }
    }

    List<InstigatorStatus> statuses() {
        List<InstigatorStatus> all = new ArrayList<>();
        for (ScheduleDefinition d : schedules.values()) {
            all.add(scheduleStatus(d));
        }
        for (SensorDefinition d : sensors.values()) {
            all.add(sensorStatus(d));
        }
        return all;
    }

    /** The state of one schedule or sensor; an {@link UnknownInstigatorException} when it is not declared. */
    InstigatorStatus status(InstigatorKind kind, String name) {
        return kind == InstigatorKind.SCHEDULE ? scheduleStatus(schedule(name)) : sensorStatus(sensor(name));
    }

    private InstigatorStatus scheduleStatus(ScheduleDefinition d) {
        AutomationStore.State s = store.find(InstigatorKind.SCHEDULE, d.name()).orElseThrow();
        return new InstigatorStatus(InstigatorKind.SCHEDULE, d.name(), s.on(), d.cron(), d.zone(), d.selection(),
                0, null, s.lastTickAt(), s.on() ? nextFire(InstigatorKind.SCHEDULE, d.name()) : null,
                store.lastTick(InstigatorKind.SCHEDULE, d.name()).orElse(null));
    }

    private InstigatorStatus sensorStatus(SensorDefinition d) {
        AutomationStore.State s = store.find(InstigatorKind.SENSOR, d.name()).orElseThrow();
        return new InstigatorStatus(InstigatorKind.SENSOR, d.name(), s.on(), null, null, null,
                d.intervalSeconds(), s.cursor(), s.lastTickAt(),
                s.on() ? nextFire(InstigatorKind.SENSOR, d.name()) : null,
                store.lastTick(InstigatorKind.SENSOR, d.name()).orElse(null));
    }

    TickPage ticks(InstigatorKind kind, String name, Long beforeId, int limit) {
        requireKnown(kind, name);
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("A page of ticks holds 1 to 1000 ticks, got " + limit);
        }
        return store.ticks(kind, name, beforeId, limit);
    }

    private Instant nextFire(InstigatorKind kind, String name) {
        try {
            return requireStarted().nextFireTime(kind, name);
        } catch (SchedulerException e) {
            LOG.warn("Could not read the next fire time of {} '{}'", kind, name, e);
            return null;
        }
    }

    private QuartzTriggers requireStarted() {
        QuartzTriggers t = triggers;
        if (t == null) {
            throw new IllegalStateException("Schedules and sensors are not started yet");
        }
        return t;
    }

    void requireKnown(InstigatorKind kind, String name) {
        if (kind == InstigatorKind.SCHEDULE) {
            schedule(name);
        } else {
            sensor(name);
        }
    }

    private ScheduleDefinition schedule(String name) {
        ScheduleDefinition d = schedules.get(name);
        if (d == null) {
            throw new UnknownInstigatorException(InstigatorKind.SCHEDULE, name, schedules.keySet());
        }
        return d;
    }

    private SensorDefinition sensor(String name) {
        SensorDefinition d = sensors.get(name);
        if (d == null) {
            throw new UnknownInstigatorException(InstigatorKind.SENSOR, name, sensors.keySet());
        }
        return d;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            text.append("\ncaused by: ").append(c);
        }
        return text.toString();
    }
}
