package dev.peloton.runtime.automation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a schedule on a method of a Spring bean. The method is the schedule's partition function: it takes a
 * {@link ScheduleTick} and returns a {@link TickDecision} (or a {@code PartitionSelection} to run);
 * {@code return tick.defaultDecision();} keeps the default. See {@link ScheduleDefinition} for the fields.
 *
 * <pre>{@code
 * @Schedule(name = "stage_results_nightly", cron = "0 0 22 * * ?", zone = "Europe/Paris",
 *           selection = "warehouse/stage_results")
 * TickDecision stages(ScheduleTick tick) {
 *     return tick.defaultDecision();
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Schedule {

    /** Defaults to the method's name. */
    String name() default "";

    /** A Quartz cron expression, seconds first. */
    String cron();

    String zone() default "UTC";

    String selection();

    MissedTickPolicy missedTicks() default MissedTickPolicy.LAST;

    boolean defaultOn() default true;
}
