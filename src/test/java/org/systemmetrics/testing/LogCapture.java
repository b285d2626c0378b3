package org.systemmetrics.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** What an administrator would read in openfire.log from our loggers while a test runs. */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        logger = (Logger) LoggerFactory.getLogger("org.systemmetrics");
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    /** One line per event: {@code LEVEL message}, with the stack trace's first line when there is one. */
    public List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : " | " + e.getThrowableProxy().getClassName() + ": "
                    + e.getThrowableProxy().getMessage())).collect(Collectors.toList());
        }
    }

    public List<String> at(Level level) {
        return lines().stream().filter(l -> l.startsWith(level + " ")).collect(Collectors.toList());
    }

    public String all() {
        return String.join("\n", lines());
    }

    public void clear() {
        synchronized (appender.list) {
            appender.list.clear();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
