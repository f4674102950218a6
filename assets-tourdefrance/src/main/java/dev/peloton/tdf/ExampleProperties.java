package dev.peloton.tdf;

import dev.peloton.tdf.generate.Scale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Tour de France example, under {@code peloton.example.*}.
 *
 * @param scale    how much race data to generate: {@code tiny}, {@code small} (default) or {@code full}
 * @param seed     the generator's seed; the same seed and scale give the same data
 * @param generate whether to generate the source data at start (kept across restarts: work already done is skipped)
 * @param headless generate, backfill every race day, print the results and exit, without a web server
 */
@ConfigurationProperties("peloton.example")
public record ExampleProperties(
        @DefaultValue("small") String scale,
        @DefaultValue("2023") long seed,
        @DefaultValue("true") boolean generate,
        @DefaultValue("false") boolean headless) {

    public ExampleProperties {
        // Fails at start with the valid names, before anything is generated.
        try {
            Scale.of(scale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("peloton.example.scale: " + e.getMessage(), e);
        }
    }

    /** The scale named by {@link #scale()}. */
    public Scale scaleDefinition() {
        return Scale.of(scale);
    }
}
