package dev.peloton.runtime.reliability;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.core.In;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.runtime.automation.ScheduleDefinition;
import dev.peloton.core.AssetKey;
import dev.peloton.core.IOManager;
import dev.peloton.core.InputContext;
import dev.peloton.core.OutputContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /**
     * Values in files under one directory that every node shares, as a lake root would be: a run taken over by
     * another node reads what the dead node stored (the in-memory default would be lost with it).
     */
    @Bean("default")
    IOManager sharedFiles(Environment environment) {
        return new SharedFileIOManager(Path.of(environment.getRequiredProperty("reliability.lake-dir")));
    }

    @Bean
    ScheduleDefinition everySecond() {
        return ScheduleDefinition.builder("every_second").cron("* * * * * ?").selection("clock/tick").build();
    }

    /** Each value as text in {@code <root>/<asset key>/<partition key>.txt}, written atomically. */
    record SharedFileIOManager(Path root) implements IOManager {

        private Path file(AssetKey asset, String partitionKey) {
            return root.resolve(asset.toString()).resolve((partitionKey.isEmpty() ? "_" : partitionKey) + ".txt");
        }

        @Override
        public void store(OutputContext context, Object value) throws IOException {
            for (String key : context.partitionKeys()) {
                Path target = file(context.asset(), key);
                Files.createDirectories(target.getParent());
                Path temp = Files.createTempFile(target.getParent(), ".tmp-", ".txt");
                Files.writeString(temp, String.valueOf(value));
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public Object load(InputContext context) throws IOException {
            if (context.partitionKeys().size() != 1) {
                throw new IllegalArgumentException("Asset " + context.asset() + ": this IO manager loads one"
                        + " partition at a time, asked for " + context.partitionKeys());
            }
            return Files.readString(file(context.asset(), context.partitionKeys().getFirst()));
        }
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
