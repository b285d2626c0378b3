package org.systemmetrics.core.schedule;

import java.time.Clock;
import java.time.Duration;

/** Runs tasks one at a time, after a delay, on the service's own thread; tests drive it by hand. */
public interface TaskScheduler {
    interface Cancellable {
        void cancel();
    }

    Cancellable schedule(Runnable task, Duration delay);

    /** What the delays are counted by, so that what is due is read from the same clock. */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /** Tasks not yet started never run, a running one is interrupted; true when the thread ended in time. */
    boolean shutdown(Duration grace);
}
