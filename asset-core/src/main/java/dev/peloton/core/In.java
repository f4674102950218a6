package dev.peloton.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the upstream asset a parameter loads and how its partitions map to this asset's partitions.
 * Without it a parameter names its upstream asset by the parameter name (compile with {@code -parameters}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface In {

    /** Upstream asset key; default: the parameter name. */
    String value() default "";

    /** The partition mapping; {@link MappingKind#DEFAULT} infers one from the two partitions definitions. */
    MappingKind mapping() default MappingKind.DEFAULT;

    /** For {@link MappingKind#OFFSET}: the offset in the ordered keys, -1 is the previous partition. */
    int offset() default 0;

    /** For {@link MappingKind#WINDOW}: how many partitions up to and including this one; 0 means all before it. */
    int window() default 0;

    /** For {@link MappingKind#DIMENSION}: the dimension of a multi-partitions definition to project on. */
    String dimension() default "";

    /** For {@link MappingKind#NAMED}: the name of a mapping declared with {@link Mapping}. */
    String named() default "";
}
