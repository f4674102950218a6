package dev.peloton.runtime.worker;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.core.In;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Assets whose calls the worker tests count, hold and fail at will. One instance per test. */
public class WorkerAssets {

    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> callsPerRun = new ConcurrentHashMap<>();
    final List<String> orderOfRuns = new CopyOnWriteArrayList<>();
    final AtomicBoolean failC = new AtomicBoolean();
    /** When set, the first call of chain/b waits for it. */
    volatile CountDownLatch firstBWaitsFor;
    /** held/step and pool/step wait for it (checking for a cancel meanwhile). */
    volatile CountDownLatch hold = new CountDownLatch(0);
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicInteger inPool = new AtomicInteger();
    final AtomicInteger maxInPool = new AtomicInteger();

    int calls(String asset) {
        return calls.getOrDefault(asset, new AtomicInteger()).get();
    }

    private int count(String asset) {
        return calls.computeIfAbsent(asset, k -> new AtomicInteger()).incrementAndGet();
    }

    @Asset(key = "chain/a")
    public int a() {
        count("a");
        return 1;
    }

    @Asset(key = "chain/b")
    public int b(@In("chain/a") int a) throws InterruptedException {
        CountDownLatch wait = firstBWaitsFor;
        if (count("b") == 1 && wait != null) {
            wait.await();
        }
        return a + 1;
    }

    @Asset(key = "chain/c")
    public int c(@In("chain/b") int b) {
        count("c");
        if (failC.get()) {
            throw new IllegalStateException("chain/c was told to fail");
        }
        return b + 1;
    }

    @Asset(key = "chain/d")
    public int d(@In("chain/c") int c) {
        count("d");
        return c + 1;
    }

    @Asset(key = "count/once")
    public int once(AssetContext context) {
        callsPerRun.computeIfAbsent(context.runId(), k -> new AtomicInteger()).incrementAndGet();
        orderOfRuns.add(context.runId());
        return 1;
    }

    @Asset(key = "held/step")
    public int held(AssetContext context) throws InterruptedException {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            waitForHold(context);
            return 1;
        } finally {
            running.decrementAndGet();
        }
    }

    @Asset(key = "pool/step", pool = "warehouse")
    public int pooled(AssetContext context) throws InterruptedException {
        int now = inPool.incrementAndGet();
        maxInPool.accumulateAndGet(now, Math::max);
        try {
            waitForHold(context);
            return 1;
        } finally {
            inPool.decrementAndGet();
        }
    }

    private void waitForHold(AssetContext context) throws InterruptedException {
        CountDownLatch latch = hold;
        while (!latch.await(5, TimeUnit.MILLISECONDS)) {
            if (context.isCancelRequested()) {
                throw new InterruptedException("canceled");
            }
        }
    }
}
