package dev.peloton.runtime.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring bean as a resource that asset code reaches with {@code AssetContext.resource(name, type)}.
 *
 * <pre>{@code
 * @Component
 * @PelotonResource("weather_api")
 * class WeatherClient { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PelotonResource {

    /** The resource's name; the bean's name when empty. */
    String value() default "";
}
