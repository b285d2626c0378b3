package org.systemmetrics.core.schedule;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, named so an administrator recognises it in a thread dump. Daemon, because a stuck
 * report must never keep Openfire from exiting; one thread, so report runs can never overlap.
 */
public final class ExecutorTaskScheduler implements TaskScheduler {
    public static final String THREAD_NAME = "systemmetrics-reporter";

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor executor;

    public ExecutorTaskScheduler() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public boolean shutdown(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            // The executor reports termination a moment before its worker thread has really ended; an unloaded
            // plugin must leave no thread of its own behind, so wait for the thread itself.
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            return threads.stream().noneMatch(Thread::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return executor.isTerminated();
        }
    }
}
