package dev.peloton.runtime.api;

import dev.peloton.runtime.api.RunViews.EventPageView;
import dev.peloton.runtime.api.RunViews.EventView;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of a run's event log. Each stream polls the event log on a shared scheduler (a page read is
 * one index range scan), sends what is new with its sequence as the event id, and ends once the run has ended and
 * every event was sent. A client that reconnects with {@code Last-Event-ID} continues where it left off.
 */
public class RunEventStreams implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(RunEventStreams.class);
    private static final int PAGE = 500;

    private final RunService runs;
    private final Duration pollInterval;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;

    public RunEventStreams(RunService runs, Duration pollInterval, Duration timeout) {
        this.runs = runs;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
        this.scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "peloton-sse");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens a stream of the events of {@code runId} after sequence {@code after}; the run must exist. */
    public SseEmitter open(String runId, long after) {
        runs.record(runId);
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        long[] last = {after};
        Runnable poll = () -> {
            if (done.get()) {
                cancel(task);
                return;
            }
            try {
                EventPageView page;
                do {
                    page = runs.events(runId, last[0], PAGE);
                    for (EventView e : page.events()) {
                        emitter.send(SseEmitter.event().id(Long.toString(e.sequence())).name(e.type())
                                .data(e, MediaType.APPLICATION_JSON));
                        last[0] = e.sequence();
                    }
                } while (page.events().size() == PAGE);
                if (page.runFinished()) {
                    emitter.send(SseEmitter.event().name("end").data(
                            java.util.Map.of("runId", runId, "status", page.runStatus().name(), "lastSequence",
                                    last[0]), MediaType.APPLICATION_JSON));
                    done.set(true);
                    emitter.complete();
                    cancel(task);
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away (or the emitter timed out): stop polling for it.
                done.set(true);
                cancel(task);
            } catch (RuntimeException e) {
                LOG.warn("Event stream of run {} failed", runId, e);
                done.set(true);
                emitter.completeWithError(e);
                cancel(task);
            }
        };
        emitter.onCompletion(() -> {
            done.set(true);
            cancel(task);
        });
        emitter.onTimeout(() -> {
            done.set(true);
            cancel(task);
        });
        emitter.onError(e -> {
            done.set(true);
            cancel(task);
        });
        task.set(scheduler.scheduleWithFixedDelay(poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS));
        return emitter;
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> f = task.get();
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
