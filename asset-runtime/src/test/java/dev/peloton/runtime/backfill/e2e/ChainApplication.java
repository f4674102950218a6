package dev.peloton.runtime.backfill.e2e;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.core.In;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The application of the backfill end-to-end tests: a three-asset daily chain that a test can make fail or wait. */
@SpringBootApplication
public class ChainApplication {

    @Bean
    ChainAssets chainAssets() {
        return new ChainAssets();
    }

    /** chain/raw -> chain/clean -> chain/report, daily over 2023. */
    public static class ChainAssets {

        @Partitions("days")
        static final PartitionsDefinition DAYS = PartitionsDefinition.daily("2023-01-01", "2023-12-31");

        /** chain/clean fails for this partition key while it is set. */
        volatile String failPartition;
        /** chain/raw waits for this latch while it is set (at most 30 s, so a broken test cannot hang). */
        volatile CountDownLatch gate;

        @Asset(key = "chain/raw", partitions = "days", codeVersion = "1")
        public String raw(AssetContext context) throws InterruptedException {
            CountDownLatch g = gate;
            if (g != null) {
                g.await(30, TimeUnit.SECONDS);
            }
            return context.partitionKey();
        }

        @Asset(key = "chain/clean", partitions = "days", codeVersion = "1")
        public String clean(AssetContext context, @In("chain/raw") String raw) {
            if (context.partitionKey().equals(failPartition)) {
                throw new IllegalStateException("clean failed for " + context.partitionKey() + " (as the test asked)");
            }
            return raw + "-clean";
        }

        @Asset(key = "chain/report", partitions = "days", codeVersion = "1")
        public int report(@In("chain/clean") String clean) {
            return clean.length();
        }
    }
}
