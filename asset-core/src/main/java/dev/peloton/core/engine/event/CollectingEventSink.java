package dev.peloton.core.engine.event;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps every event in memory, in arrival order: for tests and test support. Thread-safe. */
public final class CollectingEventSink implements EventSink {

    private final List<RunEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(RunEvent event) {
        events.add(event);
    }

    /** A snapshot of every event so far. */
    public synchronized List<RunEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one type, in order. */
    public <E extends RunEvent> List<E> events(Class<E> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The events of one step, in order. */
    public List<RunEvent> eventsOfStep(String stepId) {
        return matching(e -> stepId.equals(e.stepId()));
    }

    /** The types of the events of one step, in order: handy to assert a step's lifecycle. */
    public List<Class<? extends RunEvent>> typesOfStep(String stepId) {
        List<Class<? extends RunEvent>> out = new ArrayList<>();
        for (RunEvent e : eventsOfStep(stepId)) {
            out.add(e.getClass());
        }
        return out;
    }

    public List<RunEvent> matching(Predicate<? super RunEvent> filter) {
        return events().stream().filter(filter).toList();
    }

    public synchronized int size() {
        return events.size();
    }

    public synchronized void clear() {
        events.clear();
    }
}
