package dev.peloton.runtime.automation;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The Quartz side: one job and trigger per schedule (a cron trigger in its zone) and per sensor (a repeating
 * trigger). In a clustered job store, triggers and their paused state live in the database, so pausing here
 * pauses it on every node.
 */
final class QuartzTriggers {

    static final String SCHEDULE_GROUP = "peloton-schedules";
    static final String SENSOR_GROUP = "peloton-sensors";
    static final String KIND = "kind";
    static final String NAME = "name";

    private final Scheduler scheduler;

    QuartzTriggers(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void register(Collection<ScheduleDefinition> schedules, Collection<SensorDefinition> sensors,
            Map<String, Boolean> scheduleOn, Map<String, Boolean> sensorOn) throws SchedulerException {
        Set<String> scheduleNames = new HashSet<>();
        for (ScheduleDefinition d : schedules) {
            scheduleNames.add(d.name());
            TriggerKey key = TriggerKey.triggerKey(d.name(), SCHEDULE_GROUP);
            Trigger existing = scheduler.getTrigger(key);
            TimeZone zone = TimeZone.getTimeZone(d.zone());
            boolean same = existing instanceof CronTrigger c && c.getCronExpression().equals(d.cron())
                    && c.getTimeZone().getID().equals(zone.getID());
            if (!same) {
                // Misfires are not Quartz's business: missed ticks are found and run by their policy at start.
                Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key)
                        .withSchedule(CronScheduleBuilder.cronSchedule(d.cron()).inTimeZone(zone)
                                .withMisfireHandlingInstructionDoNothing())
                        .build();
                scheduler.scheduleJob(job(InstigatorKind.SCHEDULE, d.name(), SCHEDULE_GROUP), Set.of(trigger), true);
            }
            setPaused(InstigatorKind.SCHEDULE, d.name(), !scheduleOn.get(d.name()));
        }
        Set<String> sensorNames = new HashSet<>();
        for (SensorDefinition d : sensors) {
            sensorNames.add(d.name());
            TriggerKey key = TriggerKey.triggerKey(d.name(), SENSOR_GROUP);
            Trigger existing = scheduler.getTrigger(key);
            boolean same = existing instanceof SimpleTrigger s && s.getRepeatInterval() == d.intervalSeconds() * 1000L;
            if (!same) {
                Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).startNow()
                        .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(d.intervalSeconds())
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build();
                scheduler.scheduleJob(job(InstigatorKind.SENSOR, d.name(), SENSOR_GROUP), Set.of(trigger), true);
            }
            setPaused(InstigatorKind.SENSOR, d.name(), !sensorOn.get(d.name()));
        }
        // Schedules and sensors removed from the code lose their jobs.
        deleteOthers(SCHEDULE_GROUP, scheduleNames);
        deleteOthers(SENSOR_GROUP, sensorNames);
    }

    private void deleteOthers(String group, Set<String> keep) throws SchedulerException {
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group))) {
            if (!keep.contains(key.getName())) {
                scheduler.deleteJob(key);
            }
        }
    }

    private static JobDetail job(InstigatorKind kind, String name, String group) {
        return JobBuilder.newJob(AutomationJob.class)
                .withIdentity(name, group)
                .usingJobData(KIND, kind.name())
                .usingJobData(NAME, name)
                .build();
    }

    void setPaused(InstigatorKind kind, String name, boolean paused) throws SchedulerException {
        TriggerKey key = key(kind, name);
        Trigger.TriggerState state = scheduler.getTriggerState(key);
        if (paused && state != Trigger.TriggerState.PAUSED) {
            scheduler.pauseTrigger(key);
        } else if (!paused && state == Trigger.TriggerState.PAUSED) {
            scheduler.resumeTrigger(key);
        }
    }

    Instant nextFireTime(InstigatorKind kind, String name) throws SchedulerException {
        Trigger trigger = scheduler.getTrigger(key(kind, name));
        Date next = trigger == null ? null : trigger.getNextFireTime();
        return next == null ? null : next.toInstant();
    }

    private static TriggerKey key(InstigatorKind kind, String name) {
        return TriggerKey.triggerKey(name, kind == InstigatorKind.SCHEDULE ? SCHEDULE_GROUP : SENSOR_GROUP);
    }
}
