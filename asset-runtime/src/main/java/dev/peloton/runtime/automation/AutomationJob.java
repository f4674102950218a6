package dev.peloton.runtime.automation;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.simpl.SimpleJobFactory;
import org.quartz.spi.JobFactory;

/**
 * A Quartz fire of a schedule or sensor. One at a time per schedule or sensor, cluster-wide; it never throws,
 * so Quartz keeps firing it (failures are recorded as FAILURE ticks).
 */
@DisallowConcurrentExecution
public final class AutomationJob implements Job {

    private final AutomationEngine engine;

    public AutomationJob(AutomationEngine engine) {
        this.engine = engine;
    }

    /**
     * A job factory for a scheduler built outside Spring: makes {@code AutomationJob}s on {@code engine}, other
     * jobs as Quartz would. (Spring's job factory builds them by constructor injection.)
     */
    public static JobFactory factory(AutomationEngine engine) {
        SimpleJobFactory others = new SimpleJobFactory();
        return (bundle, scheduler) -> bundle.getJobDetail().getJobClass() == AutomationJob.class
                ? new AutomationJob(engine) : others.newJob(bundle, scheduler);
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        InstigatorKind kind = InstigatorKind.valueOf(data.getString(QuartzTriggers.KIND));
        String name = data.getString(QuartzTriggers.NAME);
        try {
            engine.fire(kind, name, context.getScheduledFireTime().toInstant());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AutomationJob.class)
                    .error("{} '{}' could not run its tick", kind, name, e);
        }
    }
}
