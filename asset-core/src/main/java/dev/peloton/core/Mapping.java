package dev.peloton.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a {@link PartitionMapping} (a static key map, or a custom one) that parameters refer to with
 * {@code @In(mapping = MappingKind.NAMED, named = "...")}. Put it on a static field or static no-argument method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Mapping {
    String value();
}
