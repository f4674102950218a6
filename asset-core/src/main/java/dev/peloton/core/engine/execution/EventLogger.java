package dev.peloton.core.engine.execution;

import dev.peloton.core.engine.event.EventSink;
import dev.peloton.core.engine.event.RunEvent;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The logger of {@code AssetContext.log()}: each line at or above the event level becomes a
 * {@link RunEvent.LogLine} of the step, and also goes to an SLF4J logger named after the asset, so it shows in the
 * process's own log.
 */
final class EventLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient Logger delegate;
    private final transient EventSink sink;
    private final transient Clock clock;
    private final String runId;
    private final String stepId;
    private final Level eventLevel;

    EventLogger(Logger delegate, EventSink sink, Clock clock, String runId, String stepId, Level eventLevel) {
        this.name = delegate.getName();
        this.delegate = delegate;
        this.sink = sink;
        this.clock = clock;
        this.runId = runId;
        this.stepId = stepId;
        this.eventLevel = eventLevel;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= eventLevel.toInt() || delegate.isEnabledForLevel(level);
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        if (level.toInt() >= eventLevel.toInt()) {
            String text = throwable == null ? message : message + "\n" + Failures.stackTrace(throwable);
            sink.accept(new RunEvent.LogLine(runId, clock.instant(), stepId, level, text));
        }
        if (delegate.isEnabledForLevel(level)) {
            delegate.atLevel(level).setCause(throwable).log("[run {} step {}] {}", runId, stepId, message);
        }
    }
}
