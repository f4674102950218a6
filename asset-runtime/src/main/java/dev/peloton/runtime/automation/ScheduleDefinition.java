package dev.peloton.runtime.automation;

import dev.peloton.runtime.run.RunRequest;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import org.quartz.CronExpression;

/**
 * A schedule: at each tick of a cron expression in a time zone, request a run of a selection for the partitions
 * its partition function picks. Declare one as a bean, or with {@link Schedule} on a method.
 *
 * <pre>{@code
 * @Bean
 * ScheduleDefinition nightlyStages() {
 *     return ScheduleDefinition.builder("nightly_stages")
 *             .cron("0 0 22 * * ?").zone("Europe/Paris")
 *             .selection("+warehouse/stage_results")
 *             .missedTicks(MissedTickPolicy.LAST)
 *             .build();
 * }
 * }</pre>
 *
 * @param name         unique among schedules; letters, digits, {@code _ - .}
 * @param cron         a Quartz cron expression (seconds first: {@code 0 0 22 * * ?} is every day at 22:00)
 * @param zone         the zone the cron expression is read in
 * @param selection    the assets, in selection syntax
 * @param partitions   which partitions to run at a tick
 * @param missedTicks  what to do with ticks missed while no node was running
 * @param defaultOn    whether a new schedule starts on; afterwards its on/off state is what was last set
 * @param request      the other settings of the runs it requests (priority, tags…); selection and partitions are
 *                     replaced at each tick
 */
public record ScheduleDefinition(String name, String cron, ZoneId zone, String selection,
        TickPartitionFunction partitions, MissedTickPolicy missedTicks, boolean defaultOn, RunRequest request) {

    public ScheduleDefinition {
        Names.check("schedule", name);
        if (cron == null || cron.isBlank()) {
            throw new InvalidAutomationException("Schedule '" + name + "' has no cron expression");
        }
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException e) {
            throw new InvalidAutomationException("Schedule '" + name + "' has an invalid cron expression '" + cron
                    + "': " + e.getMessage() + " (Quartz syntax: seconds minutes hours day-of-month month"
                    + " day-of-week [year], e.g. '0 0 22 * * ?')", e);
        }
        Objects.requireNonNull(zone, () -> "Schedule '" + name + "' has no time zone");
        if (selection == null || selection.isBlank()) {
            throw new InvalidAutomationException("Schedule '" + name + "' has no asset selection");
        }
        partitions = partitions == null ? TickPartitionFunction.lastWindowEnded() : partitions;
        missedTicks = missedTicks == null ? MissedTickPolicy.LAST : missedTicks;
        request = request == null ? RunRequest.of(selection) : request;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A time zone by id, or an {@link InvalidAutomationException} naming the schedule or sensor. */
    static ZoneId zone(String kind, String name, String zoneId) {
        if (zoneId == null || zoneId.isBlank()) {
            throw new InvalidAutomationException("The " + kind + " '" + name + "' has no time zone");
        }
        try {
            return ZoneId.of(zoneId);
        } catch (DateTimeException e) {
            throw new InvalidAutomationException("The " + kind + " '" + name + "' has an unknown time zone '"
                    + zoneId + "' (use a region id such as 'Europe/Paris' or 'UTC')", e);
        }
    }

    /** Builds a {@link ScheduleDefinition}; defaults: zone UTC, default partitions, LAST, on. */
    public static final class Builder {
        private final String name;
        private String cron;
        private String zone = "UTC";
        private String selection;
        private TickPartitionFunction partitions;
        private MissedTickPolicy missedTicks = MissedTickPolicy.LAST;
        private boolean defaultOn = true;
        private int priority;
        private Map<String, String> tags = Map.of();

        private Builder(String name) {
            this.name = name;
        }

        public Builder cron(String cron) {
            this.cron = cron;
            return this;
        }

        public Builder zone(String zone) {
            this.zone = zone;
            return this;
        }

        public Builder selection(String selection) {
            this.selection = selection;
            return this;
        }

        public Builder partitions(TickPartitionFunction partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder missedTicks(MissedTickPolicy missedTicks) {
            this.missedTicks = missedTicks;
            return this;
        }

        public Builder defaultOn(boolean defaultOn) {
            this.defaultOn = defaultOn;
            return this;
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = tags;
            return this;
        }

        public ScheduleDefinition build() {
            Names.check("schedule", name);
            ZoneId z = ScheduleDefinition.zone("schedule", name, zone);
            if (selection == null || selection.isBlank()) {
                throw new InvalidAutomationException("Schedule '" + name + "' has no asset selection");
            }
            RunRequest request = new RunRequest(selection, null, false, false, null, priority, tags, null, null);
            return new ScheduleDefinition(name, cron, z, selection, partitions, missedTicks, defaultOn, request);
        }
    }
}
