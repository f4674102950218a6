package dev.peloton.core.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunEventTest {

    private static final Instant T = Instant.parse("2023-07-04T10:00:00Z");

    @Test
    void stepEventsRequireAStepAndRunEventsHaveNone() {
        assertThatThrownBy(() -> new RunEvent.StepStarted("r", T, null, 1)).hasMessageContaining("stepId");
        assertThatThrownBy(() -> new RunEvent.StepStarted(null, T, "s", 1)).hasMessageContaining("runId");
        assertThat(new RunEvent.RunStarted("r", T, 3, 0).stepId()).isNull();
    }

    @Test
    void metadataIsCopiedInOrderAndCannotChange() {
        Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        metadata.put("z", 1);
        metadata.put("a", 2);
        RunEvent.Materialization m = new RunEvent.Materialization("r", T, "s", AssetKey.of("x"), "", "v", "1",
                new HashMap<>(), metadata, Duration.ZERO);
        metadata.put("late", 3);
        assertThat(m.metadata()).containsExactly(Map.entry("z", 1), Map.entry("a", 2));
        assertThatThrownBy(() -> m.metadata().put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void onlyAFailedBlockingErrorCheckBlocks() {
        assertThat(check(false, Severity.ERROR, true).blocks()).isTrue();
        assertThat(check(false, Severity.WARN, true).blocks()).isFalse();
        assertThat(check(false, Severity.ERROR, false).blocks()).isFalse();
        assertThat(check(true, Severity.ERROR, true).blocks()).isFalse();
    }

    private static RunEvent.CheckEvaluated check(boolean passed, Severity severity, boolean blocking) {
        return new RunEvent.CheckEvaluated("r", T, "s", "x:c", AssetKey.of("x"), "", passed, severity, "", Map.of(),
                blocking);
    }

    @Test
    void theCollectingSinkKeepsEveryEventFromManyThreads() throws Exception {
        CollectingEventSink sink = new CollectingEventSink();
        int threads = 8;
        int perThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            String step = "s" + t;
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 1; i <= perThread; i++) {
                    sink.accept(new RunEvent.StepStarted("r", T, step, i));
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.size()).isEqualTo(threads * perThread);
        // Each thread's events stay in its own order.
        List<Integer> attempts = sink.eventsOfStep("s3").stream().map(e -> ((RunEvent.StepStarted) e).attempt()).toList();
        assertThat(attempts).isSorted().hasSize(perThread);
    }

    @Test
    void andThenFeedsBothSinks() {
        CollectingEventSink first = new CollectingEventSink();
        CollectingEventSink second = new CollectingEventSink();
        first.andThen(second).accept(new RunEvent.RunStarted("r", T, 0, 0));
        assertThat(first.size()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(1);
    }
}
