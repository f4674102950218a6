package dev.peloton.runtime.reliability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Collects what the application logs at WARN and above, from every thread, while it is attached. */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** One logged line: its thread, logger, formatted message and the class of its exception, if any. */
    record Line(String thread, String logger, String level, String message, String exception) {
        @Override
        public String toString() {
            return level + " [" + thread + "] " + logger + " - " + message + (exception == null ? "" : " (" + exception
                    + ")");
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    static LogCapture attach() {
        LogCapture capture = new LogCapture();
        capture.setName("reliability-capture");
        capture.start();
        root().addAppender(capture);
        return capture;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    protected void append(ILoggingEvent event) {
        IThrowableProxy t = event.getThrowableProxy();
        lines.add(new Line(event.getThreadName(), event.getLoggerName(), event.getLevel().toString(),
                event.getFormattedMessage(), t == null ? null : t.getClassName()));
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    boolean contains(String fragment) {
        return lines.stream().anyMatch(l -> l.message().contains(fragment));
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }
}
