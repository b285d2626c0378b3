package org.systemmetrics.realserver;

import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * When a real-server test fails, keeps the home of every Openfire running at that moment (its
 * {@code logs/openfire.log} stays under {@code target/realserver/}) and quotes the end of each log in the failure.
 */
public final class QuoteOpenfireLogOnFailure implements TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {
    private static final int LINES = 60;

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw withLogs(failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    private static Throwable withLogs(Throwable failure) {
        Set<RealOpenfire> servers = RealOpenfire.live();
        if (failure instanceof TestAbortedException || servers.isEmpty()) {
            return failure;
        }
        StringBuilder message = new StringBuilder(String.valueOf(failure.getMessage()));
        for (RealOpenfire server : servers) {
            server.keepHome();
            message.append("\n\n").append(server).append(": home kept at ").append(server.home()).append('\n')
                    .append(server.logTail(LINES));
        }
        AssertionError quoted = new AssertionError(message.toString(), failure);
        quoted.setStackTrace(failure.getStackTrace());
        return quoted;
    }
}
