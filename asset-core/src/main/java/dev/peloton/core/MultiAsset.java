package dev.peloton.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One method that produces several assets. It returns a {@code Map<String, Object>} from output name
 * (the last segment of each key) to value. When {@link #subsettable()} is true, the method may be asked
 * for only some outputs: {@link AssetContext#selectedAssets()} says which.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MultiAsset {

    Out[] outs();

    String group() default "default";

    String keyPrefix() default "";

    String codeVersion() default "";

    String partitions() default "";

    String ioManager() default "default";

    String[] deps() default {};

    String pool() default "";

    boolean subsettable() default false;
}
