package org.systemmetrics.core.schedule;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, named so an administrator recognises it in a thread dump. Daemon, because a stuck
 * report must never keep Openfire from exiting; one thread, so report runs can never overlap.
 */
public final class ExecutorTaskScheduler implements TaskScheduler {
    public static final String THREAD_NAME = "systemmetrics-reporter";

    private final ScheduledThreadPoolExecutor executor;

    public ExecutorTaskScheduler() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        java.util.concurrent.ScheduledFuture<?> future =
                executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public boolean shutdown(Duration grace) {
        executor.shutdownNow();
        try {
            return executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return executor.isTerminated();
        }
    }
}
