package dev.peloton.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a method computes one asset. Upstream assets are the method's parameters (by parameter
 * name, or by {@link In}); an {@link AssetContext} parameter gives the partition, a logger and metadata.
 * The return value is stored by the asset's {@link IOManager}; a {@code void} method stores nothing itself.
 *
 * <pre>{@code
 * @Asset(group = "staging", partitions = "race_days")
 * Table stagingRace(Table landingRace, AssetContext context) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Asset {

    /** Full asset key, {@code a/b}; default: the method name under {@link #keyPrefix()}. */
    String key() default "";

    /** Prefix for the default key, {@code warehouse} gives {@code warehouse/<method name>}. */
    String keyPrefix() default "";

    String group() default "default";

    String description() default "";

    String[] owners() default {};

    /** Tags as {@code key=value} (a bare {@code key} means an empty value). */
    String[] tags() default {};

    /** Explicit code version; when empty, derived from the method's bytecode. */
    String codeVersion() default "";

    /** Name of a {@link PartitionsDefinition} declared with {@link Partitions}; empty means unpartitioned. */
    String partitions() default "";

    /** Name of the IO manager that stores and loads this asset's values. */
    String ioManager() default "default";

    /** Upstream assets this asset depends on without taking their values as parameters. */
    String[] deps() default {};

    /** Concurrency pool; steps of one pool are limited together. Empty means no pool. */
    String pool() default "";

    /** Whether one invocation can compute a whole range of partitions ({@link AssetContext#partitionKeys()}). */
    boolean handlesRanges() default false;
}
