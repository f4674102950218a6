package dev.peloton.runtime.io;

import static dev.peloton.runtime.io.IoTestSupport.in;
import static dev.peloton.runtime.io.IoTestSupport.out;
import static dev.peloton.runtime.io.IoTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.PartitionsDefinition;
import dev.peloton.runtime.io.duckdb.DuckDbIOManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbConcurrencyAndVolumeTest {

    @TempDir
    Path dir;

    @Test
    void concurrentStoresOfDifferentPartitionsAllLand() throws Exception {
        int partitions = 16;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            keys.add("p" + i);
        }
        PartitionsDefinition defs = PartitionsDefinition.staticKeys(keys);
        try (DuckDbIOManager io = new DuckDbIOManager(dir.resolve("w.duckdb"))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < partitions; i++) {
                    int p = i;
                    int rowsOf = (round + 1) * 1000 + p;
                    futures.add(pool.submit(() -> {
                        start.await();
                        // Two assets, so that table creation races too.
                        io.store(out(p % 2 == 0 ? "landing/even" : "landing/odd", defs, "p" + p),
                                Sql.of("SELECT range AS i FROM range(" + rowsOf + ")"));
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
                futures.clear();
            }
            pool.shutdown();
            for (int p = 0; p < partitions; p++) {
                String asset = p % 2 == 0 ? "landing/even" : "landing/odd";
                long expected = 2000 + p;
                assertThat(io.load(in(asset, defs, long.class, "p" + p))).as("partition p%d", p).isEqualTo(expected);
                assertThat(rows(io, "SELECT count(*) FROM " + asset.replace('/', '.') + " WHERE partition_key = 'p"
                        + p + "'")).as("rows of p%d", p).containsExactly(List.of(String.valueOf(expected)));
            }
        }
    }

    @Test
    void aMillionRowsThroughTheAppender() throws Exception {
        int n = 1_000_000;
        Rows generated = Rows.of(List.of(Column.bigint("id"), Column.varchar("rider"), Column.doublePrecision("speed")),
                out -> {
                    for (int i = 0; i < n; i++) {
                        out.add((long) i).add("rider-" + (i % 176)).add(40.0 + (i % 100) / 10.0).endRow();
                    }
                });
        try (DuckDbIOManager io = new DuckDbIOManager(dir.resolve("w.duckdb"))) {
            long start = System.nanoTime();
            io.store(out("landing/telemetry", PartitionsDefinition.none()), generated);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("DuckDB IO manager: %,d rows stored through the appender in %.2f s (%,.0f rows/s)%n", n,
                    seconds, n / seconds);

            assertThat(io.load(in("landing/telemetry", PartitionsDefinition.none(), long.class))).isEqualTo((long) n);
            assertThat(rows(io, "SELECT count(DISTINCT rider), min(id), max(id), sum(id) FROM landing.telemetry"))
                    .containsExactly(List.of("176", "0", String.valueOf(n - 1), String.valueOf((long) n * (n - 1) / 2)));
        }
    }
}
