package org.systemmetrics.core.delivery.ga4;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.core.delivery.DeliveryOutcome;

/**
 * Runs one sender per destination at the same time, so a slow or failing destination never delays another,
 * and returns within the budget whatever the senders do: late ones are aborted and reported as such. The
 * threads are daemons named {@code systemmetrics-ga4-N}; idle ones end after a while, and {@link #close()}
 * ends them all.
 */
final class DestinationWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationWorkers.class);
    static final String THREAD_NAME_PREFIX = PluginName.CANONICAL + "-ga4-";
    /** How long an aborted sender gets to report what it had done before it is given up on. */
    private static final Duration ABORT_GRACE = Duration.ofMillis(500);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final long IDLE_THREAD_SECONDS = 30;

    private final ThreadPoolExecutor executor;
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final Set<InFlight> running = ConcurrentHashMap.newKeySet();
    /** Every worker made and not yet seen dead, so close() can wait for the threads themselves. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    DestinationWorkers() {
        // One thread per destination: there are only a handful, and a shared thread would let one destination
        // hold up the next.
        executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, THREAD_NAME_PREFIX + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    threads.removeIf(t -> !t.isAlive()); // idle workers end on their own; forget them here
                    threads.add(thread);
                    return thread;
                });
    }

    /** Every sender's outcome, in the senders' order, within the budget (and a short grace to say why not). */
    List<DeliveryOutcome> sendAll(List<Ga4Sender> senders, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<InFlight> flights = new ArrayList<>();
        List<Future<DeliveryOutcome>> futures = new ArrayList<>();
        for (Ga4Sender sender : senders) {
            InFlight inFlight = new InFlight();
            flights.add(inFlight);
            futures.add(submit(sender, inFlight));
        }
        List<DeliveryOutcome> results = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            results.add(await(senders.get(i), futures.get(i), deadline, null));
        }
        boolean late = false;
        for (int i = 0; i < senders.size(); i++) {
            if (results.get(i) == null) {
                late = true;
                flights.get(i).abort("stopped: the time budget of " + budget.toMillis() + " ms was used up");
            }
        }
        if (late) {
            long graceDeadline = System.nanoTime() + ABORT_GRACE.toNanos();
            for (int i = 0; i < senders.size(); i++) {
                if (results.get(i) == null) {
                    results.set(i, await(senders.get(i), futures.get(i), graceDeadline,
                            "it did not finish within the time budget of " + budget.toMillis() + " ms"));
                }
            }
        }
        return results;
    }

    private Future<DeliveryOutcome> submit(Ga4Sender sender, InFlight inFlight) {
        // Registered before it runs, so a close() in between still reaches it.
        running.add(inFlight);
        try {
            return executor.submit(() -> {
                inFlight.start(Thread.currentThread());
                try {
                    return sender.send(inFlight);
                } finally {
                    inFlight.finish();
                    running.remove(inFlight);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(inFlight);
            return null;
        }
    }

    /** The sender's outcome, or null when it is late and {@code lateReason} is null (the caller aborts it then). */
    private static DeliveryOutcome await(Ga4Sender sender, Future<DeliveryOutcome> future, long deadlineNanos,
            String lateReason) {
        if (future == null) {
            return sender.abandoned("the GA4 delivery is shut down (the plugin is unloading)");
        }
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return lateReason == null ? null : sender.abandoned(lateReason);
        } catch (ExecutionException e) {
            // The words say what it means; the exception, whose class name is no administrator's word, goes to the log.
            return sender.abandoned("an unexpected error in the plugin stopped it", String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return sender.abandoned("interrupted");
        } catch (CancellationException e) {
            return sender.abandoned("cancelled");
        }
    }

    /** Takes no new senders and aborts those in flight, which then report {@code why}. */
    void abortAll(String why) {
        executor.shutdown();
        for (InFlight inFlight : running) {
            inFlight.abort(why);
        }
    }

    /** Aborts every sender in flight and ends the threads; safe to call more than once. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        abortAll("stopped: the plugin is unloading");
        executor.shutdownNow();
        boolean stopped;
        try {
            stopped = executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            // The executor reports termination a moment before its last worker has really ended; an unloaded
            // plugin must leave no thread behind, so wait for the threads themselves.
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            stopped = stopped && threads.stream().noneMatch(Thread::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = executor.isTerminated();
        }
        if (!stopped) {
            LOG.warn("System metrics: a GA4 delivery thread did not stop within {} ms; it is a daemon thread and ends "
                    + "with its current network call.", CLOSE_WAIT.toMillis());
        }
    }

    boolean isTerminated() {
        return executor.isTerminated();
    }
}
