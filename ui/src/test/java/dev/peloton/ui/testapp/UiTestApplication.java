package dev.peloton.ui.testapp;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.core.In;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.runtime.automation.Schedule;
import dev.peloton.runtime.automation.ScheduleTick;
import dev.peloton.runtime.automation.Sensor;
import dev.peloton.runtime.automation.SensorContext;
import dev.peloton.runtime.automation.SensorResult;
import dev.peloton.runtime.automation.TickDecision;
import dev.peloton.runtime.io.Column;
import dev.peloton.runtime.io.Rows;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The application the UI tests drive: a few assets discovered from a bean, like in a real application. */
@SpringBootApplication
public class UiTestApplication {

    /** 5,000 daily partitions: enough that the health bar summarises them. */
    public static final String MANY_START = "2000-01-01";
    public static final String MANY_END = LocalDate.parse(MANY_START).plusDays(4_999).toString();

    @Bean
    TourAssets tourAssets() {
        return new TourAssets();
    }

    @Bean
    TestAutomation testAutomation() {
        return new TestAutomation();
    }

    /** A schedule that ticks at 03:00 and skips, and a sensor that is off: for the schedules page. */
    public static class TestAutomation {

        @Schedule(name = "nightly_summary", cron = "0 0 3 * * ?", zone = "Europe/Paris", selection = "marts/summary")
        public TickDecision nightly(ScheduleTick tick) {
            return TickDecision.skip("the test application never runs its schedule");
        }

        @Sensor(name = "inbox_watch", intervalSeconds = 3600, defaultOn = false)
        public SensorResult inbox(SensorContext context) {
            return SensorResult.skip("nothing new");
        }
    }

    /** raw/stages (daily) -> warehouse/stage_results (daily) -> marts/summary; history/days (5,000 days). */
    public static class TourAssets {

        @Partitions("days")
        static final PartitionsDefinition DAYS = PartitionsDefinition.daily("2023-07-01", "2023-07-23");

        @Partitions("many")
        static final PartitionsDefinition MANY = PartitionsDefinition.daily(MANY_START, MANY_END);

        @Asset(key = "raw/stages", group = "raw", description = "The stages of the Tour", owners = {"team-data"},
                partitions = "days", codeVersion = "1")
        public String stages(AssetContext context) {
            return context.partitionKey();
        }

        @Asset(key = "warehouse/stage_results", group = "warehouse", description = "Results per stage",
                partitions = "days", codeVersion = "1")
        public int stageResults(@In("raw/stages") String stages) {
            return stages.length();
        }

        @Asset(key = "marts/summary", group = "marts", description = "One summary row", codeVersion = "2")
        public int summary(@In("warehouse/stage_results") java.util.List<Integer> results) {
            return results.size();
        }

        /** Stored in DuckDB, so the data preview can show it; one rider has no time (a NULL). */
        @Asset(key = "tables/riders", group = "tables", description = "Riders and times per stage",
                partitions = "days", ioManager = "duckdb", codeVersion = "1")
        public Rows riders(AssetContext context) {
            String day = context.partitionKey();
            return Rows.of(List.of(Column.varchar("rider"), Column.bigint("seconds")), java.util.Arrays.asList(
                    java.util.Arrays.<Object>asList("Pogacar " + day, 3600L),
                    java.util.Arrays.<Object>asList("Vingegaard " + day, 3590L),
                    java.util.Arrays.<Object>asList("Lanterne rouge " + day, null)));
        }

        @Asset(key = "history/days", group = "history", description = "Many days", partitions = "many",
                codeVersion = "1")
        public int days() {
            return 1;
        }
    }
}
