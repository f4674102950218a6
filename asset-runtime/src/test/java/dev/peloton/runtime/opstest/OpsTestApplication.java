package dev.peloton.runtime.opstest;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.core.In;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The application of the metrics and command-line tests: a daily chain {@code race/stages -> race/results}, an
 * unpartitioned {@code race/summary}, and {@code race/broken}, which always fails.
 */
@SpringBootApplication
public class OpsTestApplication {

    @Bean
    RaceAssets raceAssets() {
        return new RaceAssets();
    }

    public static class RaceAssets {

        @Partitions("days")
        static final PartitionsDefinition DAYS = PartitionsDefinition.daily("2024-06-29", "2024-07-21");

        @Asset(key = "race/stages", group = "race", partitions = "days", description = "Stages of the race")
        public String stages(AssetContext context) {
            return context.partitionKey();
        }

        @Asset(key = "race/results", group = "race", partitions = "days")
        public int results(@In("race/stages") String stages) {
            return stages.length();
        }

        @Asset(key = "race/summary", group = "race")
        public int summary() {
            return 42;
        }

        @Asset(key = "race/broken", group = "broken", partitions = "days")
        public int broken(AssetContext context) {
            throw new IllegalStateException("the timing feed of " + context.partitionKey() + " is missing");
        }
    }
}
