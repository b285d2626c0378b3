package org.systemmetrics.testing;

import java.util.List;
import java.util.stream.Collectors;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Everything logged while open, through the root logger: what an administrator would find in openfire.log,
 * and more, since our own loggers are opened down to DEBUG so that a secret in a debug line is caught too.
 * Either opened and closed by hand, or a field with {@code @RegisterExtension}: then it holds what the test
 * itself logged (not what building the test instance did) and is closed after the test, also when it fails.
 */
public final class LogCapture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("org.systemmetrics");
    private final Level oursBefore = ours.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
        ours.setLevel(Level.DEBUG);
    }

    /** One entry per event: {@code LEVEL logger message}, followed by the whole stack trace when there is one. */
    public List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(LogCapture::render).collect(Collectors.toList());
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
    public void beforeEach(ExtensionContext context) {
        clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    private static String render(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        return event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage()
                + (thrown == null ? "" : " | " + ThrowableProxyUtil.asString(thrown));
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        ours.setLevel(oursBefore);
        appender.stop();
    }
}
