package dev.peloton.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check of an asset partition, evaluated right after the asset materializes. The method takes the
 * asset's value (loaded by its IO manager) and optionally an {@link AssetContext}, and returns a
 * {@link CheckResult}. A failed blocking check stops the steps downstream of the asset.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AssetCheck {

    /** Key of the asset checked. */
    String asset();

    /** Check name, unique per asset; default: the method name. */
    String name() default "";

    String description() default "";

    boolean blocking() default false;
}
