package dev.peloton.bench.ui;

import dev.peloton.bench.LayeredGraphs;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.runtime.engine.ProgrammaticAssets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The application the {@code ui} benchmark drives: the Peloton runtime and web UI with {@value #ASSETS} generated
 * assets in layers of 100 (each reading 1-3 assets of the two layers before it) and one asset with
 * {@value #PARTITIONS} hourly partitions, registered as {@link ProgrammaticAssets}.
 */
@SpringBootApplication
public class UiBenchApplication {

    static final int ASSETS = 5_000;
    static final int LAYER = 100;
    static final int PARTITIONS = 100_000;
    static final String HOURLY_KEY = "bench/hourly";
    static final String HOURLY_START = "2014-01-01-00:00";

    static PartitionsDefinition hourly() {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH:mm");
        String end = LocalDateTime.parse(HOURLY_START, f).plusHours(PARTITIONS - 1).format(f);
        return PartitionsDefinition.hourly(HOURLY_START, end);
    }

    @Bean
    ProgrammaticAssets benchAssets() {
        List<AssetDefinition> all = new ArrayList<>(LayeredGraphs.generate(ASSETS - 1, LAYER,
                PartitionsDefinition.none(), 42));
        all.add(AssetDefinition.builder(HOURLY_KEY).group("hourly")
                .description("An asset with 100,000 hourly partitions, some materialized, stale or failed")
                .partitions(hourly()).build());
        return ProgrammaticAssets.of(all);
    }
}
