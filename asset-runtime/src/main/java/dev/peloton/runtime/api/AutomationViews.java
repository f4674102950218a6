package dev.peloton.runtime.api;

import dev.peloton.runtime.automation.TickStatus;
import java.time.Instant;
import java.util.List;

/** What the schedule and sensor endpoints answer: plain records, written as JSON as they are. */
public final class AutomationViews {

    private AutomationViews() {
    }

    /** Whether a schedule or sensor ticks. */
    public enum Switch {
        ON,
        OFF
    }

    /**
     * One tick.
     *
     * @param id         its id: pass the last id of a page as {@code before} for older ticks
     * @param tickTime   the scheduled time (a sensor's evaluation time)
     * @param status     STARTED (in progress, or its node died), SUCCESS, SKIPPED or FAILURE
     * @param runIds     the runs it queued
     * @param skipReason why it was skipped
     * @param error      why it failed
     * @param cursor     a sensor's cursor after the tick
     */
    public record TickView(long id, Instant tickTime, TickStatus status, List<String> runIds, String skipReason,
            String error, String cursor, Instant startedAt, Instant endedAt) {
    }

    /**
     * A schedule.
     *
     * @param status     ON or OFF, as stored (kept across restarts and shared by the cluster)
     * @param cron       its Quartz cron expression, seconds first
     * @param zone       the time zone the cron expression is read in
     * @param selection  the assets each tick runs
     * @param nextTickAt when it ticks next; null when OFF
     * @param lastTickAt the newest tick time considered (ticks up to it are done or were dropped)
     * @param lastTick   its newest tick with its outcome, or null
     */
    public record ScheduleView(String name, Switch status, String cron, String zone, String selection,
            Instant nextTickAt, Instant lastTickAt, TickView lastTick) {
    }

    /**
     * A sensor.
     *
     * @param status          ON or OFF, as stored
     * @param intervalSeconds seconds between evaluations
     * @param cursor          the stored cursor handed to the next evaluation
     * @param nextTickAt      when it is evaluated next; null when OFF
     * @param lastTickAt      the newest evaluation time
     * @param lastTick        its newest evaluation with its outcome, or null
     */
    public record SensorView(String name, Switch status, int intervalSeconds, String cursor, Instant nextTickAt,
            Instant lastTickAt, TickView lastTick) {
    }

    /**
     * A page of ticks, newest first.
     *
     * @param nextBefore pass it as {@code before} for the next (older) page; null on the last page
     */
    public record TickPageView(String kind, String name, List<TickView> ticks, Long nextBefore) {
    }
}
