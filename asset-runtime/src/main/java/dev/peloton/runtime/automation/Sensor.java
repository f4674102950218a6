package dev.peloton.runtime.automation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a sensor on a method of a Spring bean: the method takes a {@link SensorContext} and returns a
 * {@link SensorResult}. See {@link SensorDefinition}.
 *
 * <pre>{@code
 * @Sensor(name = "new_files", intervalSeconds = 30)
 * SensorResult newFiles(SensorContext context) {
 *     ...
 *     return SensorResult.builder().run(file.name(), RunRequest.of("raw/files")).cursor(file.name()).build();
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Sensor {

    /** Defaults to the method's name. */
    String name() default "";

    int intervalSeconds() default 30;

    boolean defaultOn() default true;
}
