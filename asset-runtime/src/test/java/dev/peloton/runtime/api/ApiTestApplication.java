package dev.peloton.runtime.api;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetCheck;
import dev.peloton.core.AssetContext;
import dev.peloton.core.CheckResult;
import dev.peloton.core.In;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.runtime.automation.ScheduleDefinition;
import dev.peloton.runtime.automation.SensorContext;
import dev.peloton.runtime.automation.SensorDefinition;
import dev.peloton.runtime.automation.SensorEvaluator;
import dev.peloton.runtime.automation.SensorResult;
import java.time.LocalDate;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The application the API tests call over HTTP: a few assets, discovered from a bean like in a real one, a schedule
 * and a sensor.
 */
@SpringBootApplication
public class ApiTestApplication {

    /** 100,000 daily partitions. */
    static final String BIG_START = "1800-01-01";
    static final String BIG_END = LocalDate.parse(BIG_START).plusDays(99_999).toString();

    @Bean
    TourAssets tourAssets() {
        return new TourAssets();
    }

    /** Every day at 22:00 in Paris, the day's stage results. Quartz does not run in the API tests. */
    @Bean
    ScheduleDefinition nightlyStages() {
        return ScheduleDefinition.builder("nightly_stages").cron("0 0 22 * * ?").zone("Europe/Paris")
                .selection("+warehouse/stage_results").build();
    }

    @Bean
    ScriptedSensor scriptedSensor() {
        return new ScriptedSensor();
    }

    @Bean
    SensorDefinition stageFiles(ScriptedSensor script) {
        return SensorDefinition.of("stage_files", 30, script);
    }

    /** A sensor whose evaluations the test decides: each one takes the next step queued, or skips. */
    public static final class ScriptedSensor implements SensorEvaluator {

        private final Queue<SensorEvaluator> steps = new ConcurrentLinkedQueue<>();

        void then(SensorEvaluator step) {
            steps.add(step);
        }

        @Override
        public SensorResult evaluate(SensorContext context) throws Exception {
            SensorEvaluator step = steps.poll();
            return step == null ? SensorResult.skip("nothing scripted") : step.evaluate(context);
        }
    }

    /** raw/stages (daily) -> warehouse/stage_results (daily, checked) -> marts/summary (unpartitioned). */
    public static class TourAssets {

        @Partitions("days")
        static final PartitionsDefinition DAYS = PartitionsDefinition.daily("2023-07-01", "2023-07-23");

        @Partitions("many")
        static final PartitionsDefinition MANY = PartitionsDefinition.daily(BIG_START, BIG_END);

        @Asset(key = "raw/stages", group = "raw", description = "The stages of the Tour", owners = {"team-data"},
                tags = {"tier=gold"}, partitions = "days", codeVersion = "1")
        public String stages(AssetContext context) {
            return context.partitionKey();
        }

        @Asset(key = "warehouse/stage_results", group = "warehouse", partitions = "days", codeVersion = "1")
        public int stageResults(@In("raw/stages") String stages) {
            return stages.length();
        }

        @AssetCheck(asset = "warehouse/stage_results", name = "positive", description = "results are positive",
                blocking = true)
        public CheckResult positive(@In("warehouse/stage_results") int stageResults) {
            return CheckResult.of(stageResults > 0, "results are positive", java.util.Map.of());
        }

        @Asset(key = "marts/summary", group = "marts", codeVersion = "2")
        public int summary(@In("warehouse/stage_results") java.util.List<Integer> results) {
            return results.size();
        }

        @Asset(key = "big/daily", group = "big", partitions = "many", codeVersion = "1")
        public int bigDaily() {
            return 1;
        }
    }
}
