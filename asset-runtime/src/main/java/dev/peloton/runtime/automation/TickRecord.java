package dev.peloton.runtime.automation;

import java.time.Instant;
import java.util.List;

/**
 * One tick of a schedule or sensor.
 *
 * @param id         its id; pages of ticks go by it
 * @param kind       schedule or sensor
 * @param name       the schedule's or sensor's name
 * @param tickTime   the scheduled time
 * @param status     the outcome
 * @param cursor     a sensor's cursor after the tick, or {@code null}
 * @param runIds     the runs it queued
 * @param skipReason why it was skipped, or {@code null}
 * @param error      why it failed, or {@code null}
 * @param startedAt  when it started
 * @param endedAt    when it ended, or {@code null}
 */
public record TickRecord(long id, InstigatorKind kind, String name, Instant tickTime, TickStatus status,
        String cursor, List<String> runIds, String skipReason, String error, Instant startedAt, Instant endedAt) {

    public TickRecord {
        runIds = List.copyOf(runIds);
    }
}
