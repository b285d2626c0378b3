package org.systemmetrics.core.delivery.ga4;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Everything logged through the root logger while open: what an administrator would find in openfire.log,
 * and more: our own loggers are opened down to DEBUG, so a secret in a debug line would be caught too.
 */
final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("org.systemmetrics");
    private final Level oursBefore = ours.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.start();
        root.addAppender(appender);
        ours.setLevel(Level.DEBUG);
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** Each line as it would be written, with any stack trace. */
    List<String> lines() {
        return events().stream().map(LogCapture::render).collect(Collectors.toList());
    }

    List<String> lines(Level level) {
        return events().stream().filter(e -> e.getLevel() == level).map(LogCapture::render).collect(Collectors.toList());
    }

    private static String render(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        return event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage()
                + (thrown == null ? "" : "\n" + ThrowableProxyUtil.asString(thrown));
    }

    @Override
    public void close() {
        ours.setLevel(oursBefore);
        root.detachAppender(appender);
        appender.stop();
    }
}
