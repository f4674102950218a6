package dev.peloton.runtime.reliability;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.core.In;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.runtime.automation.ScheduleDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * One node of the reliability tests, a whole Peloton application: a three-asset daily chain over 2023 whose steps
 * take {@code reliability.step-millis} each, an unpartitioned asset, and a schedule that runs it every second.
 * {@link ClusterKillTest} starts it as separate JVM processes with {@link #main}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ReliabilityNode {

    public static void main(String[] args) {
        SpringApplication.run(ReliabilityNode.class, args);
    }

    @Bean
    ChainAssets chainAssets(Environment environment) {
        return new ChainAssets(environment.getProperty("reliability.step-millis", Long.class, 20L));
    }

    @Bean
    ScheduleDefinition everySecond() {
        return ScheduleDefinition.builder("every_second").cron("* * * * * ?").selection("clock/tick").build();
    }

    /** slow/raw -> slow/clean -> slow/report, daily over 2023, each step taking a little time; and clock/tick. */
    public static class ChainAssets {

        @Partitions("days")
        static final PartitionsDefinition DAYS = PartitionsDefinition.daily("2023-01-01", "2023-12-31");

        private final long stepMillis;

        ChainAssets(long stepMillis) {
            this.stepMillis = stepMillis;
        }

        /** Stands for real work: long enough for a kill to land in the middle of runs. */
        private void work() throws InterruptedException {
            Thread.sleep(stepMillis);
        }

        @Asset(key = "slow/raw", partitions = "days", codeVersion = "1")
        public String raw(AssetContext context) throws InterruptedException {
            work();
            return context.partitionKey();
        }

        @Asset(key = "slow/clean", partitions = "days", codeVersion = "1")
        public String clean(@In("slow/raw") String raw) throws InterruptedException {
            work();
            return raw + "-clean";
        }

        @Asset(key = "slow/report", partitions = "days", codeVersion = "1")
        public int report(@In("slow/clean") String clean) throws InterruptedException {
            work();
            return clean.length();
        }

        @Asset(key = "clock/tick", codeVersion = "1")
        public long tick() {
            return System.nanoTime();
        }
    }
}
