package dev.peloton.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a {@link PartitionsDefinition} that assets refer to with {@link Asset#partitions()}. Put it on a
 * static field, or a static no-argument method, of a class that discovery scans.
 *
 * <pre>{@code
 * @Partitions("race_days")
 * static final PartitionsDefinition RACE_DAYS = PartitionsDefinition.daily("2023-07-01", "2023-07-23")
 *         .excluding("2023-07-10", "2023-07-17");
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Partitions {
    String value();
}
