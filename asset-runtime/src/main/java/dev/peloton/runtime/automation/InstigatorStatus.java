package dev.peloton.runtime.automation;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A schedule or sensor with its state, for the UI and the REST API.
 *
 * @param kind            schedule or sensor
 * @param name            its name
 * @param on              whether it ticks
 * @param cron            a schedule's cron expression, or {@code null}
 * @param zone            a schedule's time zone, or {@code null}
 * @param selection       a schedule's selection, or {@code null}
 * @param intervalSeconds a sensor's interval, or 0
 * @param cursor          a sensor's cursor, or {@code null}
 * @param lastTickAt      the last tick time considered
 * @param nextTickAt      when it ticks next, or {@code null} when off
 * @param lastTick        its newest tick, or {@code null}
 */
public record InstigatorStatus(InstigatorKind kind, String name, boolean on, String cron, ZoneId zone,
        String selection, int intervalSeconds, String cursor, Instant lastTickAt, Instant nextTickAt,
        TickRecord lastTick) {
}
