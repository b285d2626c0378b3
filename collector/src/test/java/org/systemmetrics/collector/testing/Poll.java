package org.systemmetrics.collector.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The one place tests wait: for a real process (the collector jar, a database) to reach a state. Everything
 * inside one JVM uses the injected clock instead.
 */
public final class Poll {
    private static final Duration PAUSE = Duration.ofMillis(50);

    private Poll() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // a process still starting refuses connections; that is what we wait through
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(PAUSE.toNanos());
        }
    }
}
