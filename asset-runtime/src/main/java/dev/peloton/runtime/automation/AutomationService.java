package dev.peloton.runtime.automation;

import java.util.List;

/** Schedules and sensors for the REST layer and the UI: state, on/off, tick history. */
public final class AutomationService {

    private final AutomationEngine engine;

    public AutomationService(AutomationEngine engine) {
        this.engine = engine;
    }

    /** Every schedule, then every sensor, in declaration order, with on/off, cursor, last and next tick. */
    public List<InstigatorStatus> list() {
        return engine.statuses();
    }

    public List<InstigatorStatus> schedules() {
        return list().stream().filter(s -> s.kind() == InstigatorKind.SCHEDULE).toList();
    }

    public List<InstigatorStatus> sensors() {
        return list().stream().filter(s -> s.kind() == InstigatorKind.SENSOR).toList();
    }

    /** One schedule or sensor with its state; an {@link UnknownInstigatorException} when it is not declared. */
    public InstigatorStatus status(InstigatorKind kind, String name) {
        return engine.status(kind, name);
    }

    /**
     * Whether {@code name} could name a schedule or sensor at all (1 to 150 letters, digits, {@code _ - .}), so
     * callers can refuse anything else before it is looked up.
     */
    public static boolean isValidName(String name) {
        return Names.valid(name);
    }

    /** Turns on, across the cluster; ticks missed while it was off are not run. */
    public void turnOn(InstigatorKind kind, String name) {
        engine.setOn(kind, name, true);
    }

    /** Turns off, across the cluster: its trigger is paused on every node. */
    public void turnOff(InstigatorKind kind, String name) {
        engine.setOn(kind, name, false);
    }

    /**
     * A page of ticks, newest first.
     *
     * @param beforeId the {@link TickPage#beforeId()} of the previous page, or {@code null} for the newest
     * @param limit    1 to 1000
     */
    public TickPage ticks(InstigatorKind kind, String name, Long beforeId, int limit) {
        return engine.ticks(kind, name, beforeId, limit);
    }
}
