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
 * @param bench    with {@code headless}: also measure the backfill and print its figures ({@code bench/run tdf})
 * @param sourceConnections connections of the race source's own pool (landing steps hold one for a whole COPY)
 * @param sheet    where the riders sheet is read from
 */
@ConfigurationProperties("peloton.example")
public record ExampleProperties(
        @DefaultValue("small") String scale,
        @DefaultValue("2023") long seed,
        @DefaultValue("true") boolean generate,
        @DefaultValue("false") boolean headless,
        @DefaultValue("false") boolean bench,
        @DefaultValue("4") int sourceConnections,
        @DefaultValue Sheet sheet) {

    /**
     * The riders sheet. Without a spreadsheet id the example serves the generated sheet itself, on a local server
     * that answers as Google does, so nothing reaches the internet.
     *
     * @param spreadsheetId a Google spreadsheet id to read instead (its tabs {@code riders} and {@code stages_info})
     * @param apiKey        a Google API key, if the sheet is not shared by link
     * @param localPort     the port of the local sheet server; 0 picks a free one
     */
    public record Sheet(String spreadsheetId, String apiKey, @DefaultValue("0") int localPort) {

        public boolean isLocal() {
            return spreadsheetId == null || spreadsheetId.isBlank();
        }
    }

    public ExampleProperties {
        if (sourceConnections < 1) {
            throw new IllegalArgumentException("peloton.example.source-connections must be at least 1, got "
                    + sourceConnections);
        }
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
