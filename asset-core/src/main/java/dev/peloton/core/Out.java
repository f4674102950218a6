package dev.peloton.core;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One output of a {@link MultiAsset}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Out {

    /** Output name, also the key's last segment. */
    String value();

    /** Full key, when it is not {@code keyPrefix/value}. */
    String key() default "";

    String description() default "";

    String[] owners() default {};

    String[] tags() default {};

    String ioManager() default "";
}
