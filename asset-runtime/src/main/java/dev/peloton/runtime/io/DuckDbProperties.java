package dev.peloton.runtime.io;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The DuckDB IO manager, registered as IO manager {@code duckdb}.
 *
 * @param enabled     register it
 * @param path        the database file; default {@code <peloton.data-dir>/warehouse.duckdb}
 * @param maxListRows most rows an asset may load as a {@code List}
 */
@ConfigurationProperties("peloton.duckdb")
public record DuckDbProperties(@DefaultValue("true") boolean enabled, Path path,
        @DefaultValue("100000") int maxListRows) {

    public DuckDbProperties {
        if (maxListRows < 1) {
            throw new IllegalArgumentException("peloton.duckdb.max-list-rows must be at least 1, got " + maxListRows);
        }
    }
}
