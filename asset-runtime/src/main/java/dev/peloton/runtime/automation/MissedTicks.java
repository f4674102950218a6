package dev.peloton.runtime.automation;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;

/** The ticks of a cron expression in a time window. */
final class MissedTicks {

    /** @param ticks the newest ticks kept, oldest first; @param dropped how many older ones were left out */
    record Result(List<Instant> ticks, long dropped) {
    }

    private MissedTicks() {
    }

    /** The ticks after {@code after} and at or before {@code until}, keeping at most the newest {@code keep}. */
    static Result between(ScheduleDefinition schedule, Instant after, Instant until, int keep) {
        CronExpression cron;
        try {
            cron = new CronExpression(schedule.cron());
        } catch (ParseException e) {
            throw new InvalidAutomationException("Schedule '" + schedule.name() + "' has an invalid cron expression '"
                    + schedule.cron() + "': " + e.getMessage(), e);
        }
        cron.setTimeZone(TimeZone.getTimeZone(schedule.zone()));
        ArrayDeque<Instant> kept = new ArrayDeque<>(Math.min(keep, 1024));
        long dropped = 0;
        Date next = cron.getNextValidTimeAfter(Date.from(after));
        while (next != null && !next.toInstant().isAfter(until)) {
            if (kept.size() == keep) {
                kept.removeFirst();
                dropped++;
            }
            kept.addLast(next.toInstant());
            next = cron.getNextValidTimeAfter(next);
        }
        return new Result(new ArrayList<>(kept), dropped);
    }
}
