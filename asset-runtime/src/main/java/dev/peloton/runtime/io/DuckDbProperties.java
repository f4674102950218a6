package dev.peloton.runtime.io;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The DuckDB IO manager, registered as IO manager {@code duckdb}.
 *
 * @param enabled     register it
 * @param path        the database file; default {@code <peloton.data-dir>/warehouse.duckdb}
 * @param maxListRows most rows an asset may load as a {@code List}
 * @param settings    DuckDB settings applied to the database when it is opened, such as
 *                    {@code peloton.duckdb.settings.threads=2} or {@code peloton.duckdb.settings.memory_limit=1GB}
 */
@ConfigurationProperties("peloton.duckdb")
public record DuckDbProperties(@DefaultValue("true") boolean enabled, Path path,
        @DefaultValue("100000") int maxListRows, Map<String, String> settings) {

    public DuckDbProperties {
        if (maxListRows < 1) {
            throw new IllegalArgumentException("peloton.duckdb.max-list-rows must be at least 1, got " + maxListRows);
        }
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
