package org.systemmetrics.core.delivery;

import java.time.Duration;

/** Waits between tries; injected so tests see the waits without waiting. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
