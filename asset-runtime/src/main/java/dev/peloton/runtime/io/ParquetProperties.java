package dev.peloton.runtime.io;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Parquet IO manager, registered as IO manager {@code parquet}.
 *
 * @param enabled     register it
 * @param root        the lake directory; default {@code <peloton.data-dir>/lake}
 * @param maxListRows most rows an asset may load as a {@code List}
 */
@ConfigurationProperties("peloton.parquet")
public record ParquetProperties(@DefaultValue("true") boolean enabled, Path root,
        @DefaultValue("100000") int maxListRows) {

    public ParquetProperties {
        if (maxListRows < 1) {
            throw new IllegalArgumentException("peloton.parquet.max-list-rows must be at least 1, got " + maxListRows);
        }
    }
}
