package dev.peloton.core.engine.event;

/**
 * Receives the events of runs. Called from many threads at once (every running step emits its own events):
 * implementations are thread-safe, and quick, because a step waits for {@code accept} to return. The runtime's
 * implementation batches events into PostgreSQL.
 *
 * <p>The executor emits the events of one step in order, and a run's {@link RunEvent.RunFinished} after every
 * other event of that run.
 */
@FunctionalInterface
public interface EventSink {

    /** A sink that drops every event. */
    EventSink NONE = event -> {
    };

    void accept(RunEvent event);

    /** A sink that passes each event to this sink and then to {@code other}. */
    default EventSink andThen(EventSink other) {
        return event -> {
            accept(event);
            other.accept(event);
        };
    }
}
