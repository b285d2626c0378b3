package org.systemmetrics.core.schedule;

import java.time.Duration;

/**
 * Runs tasks one at a time, after a delay, on a thread of the service's own. Injected so that tests drive
 * time by hand instead of sleeping.
 */
public interface TaskScheduler {
    /** A scheduled task that can still be called off. */
    interface Cancellable {
        void cancel();
    }

    Cancellable schedule(Runnable task, Duration delay);

    /**
     * Stops the thread: tasks not yet started never run, a running one is interrupted.
     *
     * @return true when the thread ended within the grace period
     */
    boolean shutdown(Duration grace);
}
