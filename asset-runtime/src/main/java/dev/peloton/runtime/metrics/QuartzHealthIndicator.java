package dev.peloton.runtime.metrics;

import java.util.Objects;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SchedulerMetaData;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The Quartz scheduler that fires schedules and sensors: UP while started, DOWN once shut down, UNKNOWN in standby
 * (not started yet, or started with {@code spring.quartz.auto-startup=false}: nothing fires on this node, which is a
 * choice, not a failure).
 */
public final class QuartzHealthIndicator implements HealthIndicator {

    private final Scheduler scheduler;

    public QuartzHealthIndicator(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public Health health() {
        try {
            SchedulerMetaData meta = scheduler.getMetaData();
            Health.Builder b;
            if (meta.isShutdown()) {
                b = Health.down().withDetail("reason", "the scheduler is shut down: no schedule or sensor fires here");
            } else if (meta.isInStandbyMode() || !meta.isStarted()) {
                b = Health.unknown().withDetail("reason", "the scheduler is in standby: schedules and sensors do not"
                        + " fire on this node");
            } else {
                b = Health.up();
            }
            return b.withDetail("scheduler", meta.getSchedulerName())
                    .withDetail("instanceId", meta.getSchedulerInstanceId())
                    .withDetail("clustered", meta.isJobStoreClustered())
                    .withDetail("jobsExecuted", meta.getNumberOfJobsExecuted())
                    .build();
        } catch (SchedulerException e) {
            return Health.down().withDetail("reason", "cannot read the scheduler's state: " + e.getMessage()).build();
        }
    }
}
