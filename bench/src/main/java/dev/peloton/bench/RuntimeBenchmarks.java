package dev.peloton.bench;

import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.runtime.backfill.BackfillDaemon;
import dev.peloton.runtime.backfill.BackfillRecord;
import dev.peloton.runtime.backfill.BackfillRequest;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.backfill.BackfillStatus;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.NewEvent;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.worker.RunWorker;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * End-to-end harnesses of the runtime (not JMH: each scenario is long and stateful, so it runs once after a small
 * warm-up and is timed with the wall clock). Each prints {@code figure: <name> <value> <unit>} lines.
 * The assets are no-ops, so the figures are Peloton's own overhead: planning, queueing, claiming, fencing,
 * event and state writes to PostgreSQL.
 */
final class RuntimeBenchmarks {

    private static final String START = "2000-01-01";

    private RuntimeBenchmarks() {
    }

    static final Map<String, Runnable> SCENARIOS = Map.of(
            "backfill", RuntimeBenchmarks::backfill,
            "latency", RuntimeBenchmarks::latency,
            "enqueue", RuntimeBenchmarks::enqueue,
            "events", RuntimeBenchmarks::events,
            "bigrun", RuntimeBenchmarks::bigrun);

    /** raw -> staged -> mart, daily partitions from 2000-01-01, no-op computes. */
    static AssetGraph chain(int days) {
        PartitionsDefinition daily = PartitionsDefinition.daily(START, LocalDate.parse(START).plusDays(days - 1)
                .toString());
        List<AssetDefinition> defs = List.of(
                AssetDefinition.builder(dev.peloton.core.AssetKey.parse("bench/raw")).partitions(daily).build(),
                AssetDefinition.builder(dev.peloton.core.AssetKey.parse("bench/staged")).partitions(daily)
                        .input("bench/raw").build(),
                AssetDefinition.builder(dev.peloton.core.AssetKey.parse("bench/mart")).partitions(daily)
                        .input("bench/staged").build());
        return AssetGraph.of(defs);
    }

    private static String day(int i) {
        return LocalDate.parse(START).plusDays(i).toString();
    }

    /** 1,000-partition backfill of the 3-asset chain, one run per partition, until COMPLETED. */
    static void backfill() {
        try (RuntimeHarness h = new RuntimeHarness(chain(1_100))) {
            h.startWorker(RunWorker.Observer.NONE);
            BackfillService service = new BackfillService(h.dataSource(), h.graph, h.coordinator);
            warmUp(h, service, 1_000, 1_019);
            long start = System.nanoTime();
            BackfillRecord b = service.create(BackfillRequest.range("bench/raw+", day(0), day(999)));
            try (BackfillDaemon daemon = new BackfillDaemon(h.dataSource(), h.graph, h.coordinator, service, 500,
                    null)) {
                daemon.start(java.time.Duration.ofMillis(50));
                waitUntil(() -> service.get(b.id()).status().isTerminal(), 600);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            BackfillRecord done = service.get(b.id());
            require(done.status() == BackfillStatus.COMPLETED, "backfill ended " + done.status());
            long events = h.count("SELECT count(*) FROM event_log e JOIN runs r ON r.id = e.run_id"
                    + " WHERE r.backfill_id = '" + b.id() + "'");
            System.out.printf("runs: %d, events in PostgreSQL: %d%n", done.numChunks(), events);
            figure("backfill_1000_partitions", seconds, "s");
        }
    }

    /** A small backfill first, so the JIT and the connection pool are warm. */
    private static void warmUp(RuntimeHarness h, BackfillService service, int first, int last) {
        BackfillRecord w = service.create(BackfillRequest.range("bench/raw+", day(first), day(last)));
        try (BackfillDaemon daemon = new BackfillDaemon(h.dataSource(), h.graph, h.coordinator, service, 500, null)) {
            daemon.start(java.time.Duration.ofMillis(50));
            waitUntil(() -> service.get(w.id()).status().isTerminal(), 120);
        }
    }

    /** 200 single-asset runs one after another: from submit to the first StepStarted seen by the worker. */
    static void latency() {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder(
                dev.peloton.core.AssetKey.parse("bench/one")).build()));
        Map<String, CountDownLatch> started = new ConcurrentHashMap<>();
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        RunWorker.Observer observer = new RunWorker.Observer() {
            @Override
            public void event(RunEvent event) {
                if (event instanceof RunEvent.StepStarted s && startedAt.putIfAbsent(s.runId(), System.nanoTime())
                        == null) {
                    started.computeIfAbsent(s.runId(), k -> new CountDownLatch(1)).countDown();
                }
            }
        };
        try (RuntimeHarness h = new RuntimeHarness(graph)) {
            h.startWorker(observer);
            int warmUp = 50;
            int measured = 200;
            double[] millis = new double[measured];
            for (int i = 0; i < warmUp + measured; i++) {
                long t0 = System.nanoTime();
                RunRecord run = h.coordinator.submit(RunRequest.of("bench/one")).orElseThrow();
                CountDownLatch latch = started.computeIfAbsent(run.id(), k -> new CountDownLatch(1));
                try {
                    require(latch.await(30, TimeUnit.SECONDS), "run " + run.id() + " did not start in 30 s");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                if (i >= warmUp) {
                    millis[i - warmUp] = (startedAt.get(run.id()) - t0) / 1e6;
                }
                String id = run.id();
                waitUntil(() -> h.runs.get(id).status().isTerminal(), 30);
            }
            Arrays.sort(millis);
            figure("latency_p50", percentile(millis, 0.50), "ms");
            figure("latency_p99", percentile(millis, 0.99), "ms");
        }
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** Submitting a 10,000-partition backfill (one run per partition): runs queued per second, no worker. */
    static void enqueue() {
        try (RuntimeHarness h = new RuntimeHarness(chain(10_500))) {
            BackfillService service = new BackfillService(h.dataSource(), h.graph, h.coordinator);
            try (BackfillDaemon daemon = new BackfillDaemon(h.dataSource(), h.graph, h.coordinator, service, 500,
                    null)) {
                service.create(BackfillRequest.range("bench/raw+", day(10_000), day(10_499)));
                daemon.runOnce(); // warm-up: 500 runs
                long start = System.nanoTime();
                BackfillRecord b = service.create(BackfillRequest.range("bench/raw+", day(0), day(9_999)));
                daemon.runOnce();
                double seconds = (System.nanoTime() - start) / 1e9;
                long queued = h.count("SELECT count(*) FROM runs WHERE backfill_id = '" + b.id() + "'");
                require(queued == 10_000, "expected 10,000 queued runs, found " + queued);
                System.out.printf("runs queued: %d in %.2f s%n", queued, seconds);
                figure("enqueue_rate", queued / seconds, "runs/s");
            }
        }
    }

    /**
     * Events persisted per second: 200,000 step events appended to the event log in batches of 500 (the worker's
     * batch size), one transaction per batch; then, end to end, the events of one run of one asset over 2,000
     * partitions (a step each) divided by the run's duration, which includes all the run's other work.
     */
    static void events() {
        int partitions = 2_000;
        PartitionsDefinition daily = PartitionsDefinition.daily(START, day(partitions + 99));
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder(
                dev.peloton.core.AssetKey.parse("bench/daily")).partitions(daily).build()));
        try (RuntimeHarness h = new RuntimeHarness(graph)) {
            EventStorage log = new EventStorage(h.dataSource());
            String runId = h.coordinator.submit(RunRequest.of("bench/daily").withPartitions(
                    PartitionSelection.keys(List.of(day(0))))).orElseThrow().id();
            dev.peloton.core.AssetKey asset = dev.peloton.core.AssetKey.parse("bench/daily");
            int total = 200_000;
            int batch = 500;
            List<NewEvent> events = new ArrayList<>(batch);
            long start = 0;
            for (int i = 0; i < total + 20_000; i++) {
                if (i == 20_000) { // the first 20,000 are a warm-up
                    start = System.nanoTime();
                }
                String key = day(i % partitions);
                events.add(new NewEvent(runId, "bench/daily[" + key + "]", "MATERIALIZATION", Instant.now(), asset,
                        key, "{\"dataVersion\":\"" + Integer.toHexString(i) + "\",\"codeVersion\":\"1\","
                                + "\"durationMillis\":1,\"metadata\":{\"rows\":" + i + "}}"));
                if (events.size() == batch) {
                    log.append(events);
                    events.clear();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d events appended in %.2f s%n", total, seconds);
            figure("event_rate", total / seconds, "events/s");

            h.startWorker(RunWorker.Observer.NONE);
            runToEnd(h, RunRequest.of("bench/daily").withPartitions(PartitionSelection.range(day(partitions),
                    day(partitions + 99))));
            long before = h.count("SELECT count(*) FROM event_log");
            long runStart = System.nanoTime();
            RunRecord run = runToEnd(h, RunRequest.of("bench/daily").withPartitions(PartitionSelection.range(day(0),
                    day(partitions - 1))));
            double runSeconds = (System.nanoTime() - runStart) / 1e9;
            long written = h.count("SELECT count(*) FROM event_log") - before;
            System.out.printf("run %s: %d events in %.2f s%n", run.status(), written, runSeconds);
            figure("event_rate_in_run", written / runSeconds, "events/s");
        }
    }

    /** One run of a 1,000-asset layered graph (100 per layer, 1-3 upstream assets each), no-op assets. */
    static void bigrun() {
        AssetGraph graph = AssetGraph.of(LayeredGraphs.generate(1_000, 100, PartitionsDefinition.none(), 42));
        try (RuntimeHarness h = new RuntimeHarness(graph)) {
            h.startWorker(RunWorker.Observer.NONE);
            runToEnd(h, RunRequest.of("layer0/asset0")); // warm-up
            long start = System.nanoTime();
            RunRecord run = runToEnd(h, RunRequest.of("*"));
            double seconds = (System.nanoTime() - start) / 1e9;
            long events = h.count("SELECT count(*) FROM event_log WHERE run_id = '" + run.id() + "'");
            System.out.printf("run %s: %d events in PostgreSQL%n", run.status(), events);
            figure("bigrun_1000_assets", seconds, "s");
        }
    }

    private static RunRecord runToEnd(RuntimeHarness h, RunRequest request) {
        RunRecord run = h.coordinator.submit(request).orElseThrow();
        waitUntil(() -> h.runs.get(run.id()).status().isTerminal(), 600);
        RunRecord done = h.runs.get(run.id());
        require(done.status() == RunStatus.SUCCESS, "run ended " + done.status() + ": " + done.error());
        return done;
    }

    private static void waitUntil(BooleanSupplier done, int timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!done.getAsBoolean()) {
            require(System.nanoTime() < deadline, "gave up after " + timeoutSeconds + " s");
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static void figure(String name, double value, String unit) {
        System.out.printf("figure: %s %.1f %s%n", name, value, unit);
    }

    static List<String> names() {
        return new ArrayList<>(new java.util.TreeSet<>(SCENARIOS.keySet()));
    }
}
