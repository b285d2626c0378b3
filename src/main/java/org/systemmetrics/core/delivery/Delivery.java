package org.systemmetrics.core.delivery;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.core.report.Report;

/**
 * The one sender of every destination: a report's destinations are served at the same time, one daemon thread each,
 * so a slow one never delays another, and the whole delivery (all destinations, all tries) ends within one time
 * budget. Every outcome goes to the {@link #history()} and is logged once per destination.
 */
public final class Delivery implements ReportDelivery {
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);
    static final String THREAD_NAME_PREFIX = PluginName.CANONICAL + "-delivery-";
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    /** How long an aborted sender gets to report what it had done before it is given up on. */
    private static final Duration ABORT_GRACE = Duration.ofMillis(500);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final long IDLE_THREAD_SECONDS = 30;
    private static final String SHUT_DOWN = "the GA4 delivery is shut down (the plugin is unloading)";
    private static final String UNLOADING = "stopped: the plugin is unloading";

    private final HttpTransport transport;
    private final RetryPolicy retryPolicy;
    private final Duration budget;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final DeliveryHistory history;
    private final ThreadPoolExecutor executor;
    private final AtomicInteger threadNumber = new AtomicInteger();
    /** Every worker made and not yet seen dead, so close() can wait for the threads themselves. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Set<Sender> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The versions go into the User-Agent header, so a receiver can tell them apart if ever needed. */
    public Delivery(String pluginVersion, String openfireVersion) {
        this(HttpTransport.withJvmTrust(HttpTransport.userAgent(pluginVersion, openfireVersion)), RetryPolicy.DEFAULT,
                DEFAULT_BUDGET, Clock.systemUTC(), Sleeper.REAL, () -> ThreadLocalRandom.current().nextDouble(),
                new DeliveryHistory());
    }

    /** For tests: a local stand-in for the destinations, a fake clock and sleeper, fixed jitter. */
    public Delivery(HttpTransport transport, RetryPolicy retryPolicy, Duration budget, Clock clock, Sleeper sleeper,
            DoubleSupplier jitter, DeliveryHistory history) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.budget = RetryPolicy.positive(budget, "budget");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.history = Objects.requireNonNull(history, "history");
        // One thread per destination: there are only a handful, and a shared one would let one hold up the next.
        executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, THREAD_NAME_PREFIX + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    threads.removeIf(t -> !t.isAlive()); // idle workers end on their own; forget them here
                    threads.add(thread);
                    return thread;
                });
    }

    @Override
    public List<DeliveryOutcome> deliver(Report report, List<Destination> destinations) {
        Instant startedAt = clock.instant();
        SecretMasker masker = masker(destinations);
        List<Sender> senders = new ArrayList<>();
        for (Destination destination : destinations) {
            List<Post> posts = destination.posts(report);
            if (!posts.isEmpty()) {
                senders.add(new Sender(this, startedAt, masker, destination, posts, retryPolicy,
                        (body, request) -> List.of()));
            }
        }
        List<DeliveryOutcome> outcomes = sendAll(senders);
        for (int i = 0; i < outcomes.size(); i++) {
            history.record(outcomes.get(i));
            log(senders.get(i), outcomes.get(i));
        }
        return outcomes;
    }

    /** Nothing is recorded in the history; a failed request is not retried, since an administrator is waiting. */
    @Override
    public List<DeliveryOutcome> validate(Report report, List<Destination> destinations) {
        Instant startedAt = clock.instant();
        SecretMasker masker = masker(destinations);
        List<DeliveryOutcome> results = new ArrayList<>();
        List<Sender> senders = new ArrayList<>();
        List<Integer> sentAt = new ArrayList<>();
        for (Destination destination : destinations) {
            destination.check(report).ifPresent(check -> {
                if (check.posts().isEmpty()) {
                    results.add(DeliveryOutcome.of(destination.id(), startedAt, Duration.ZERO, 0, 0,
                            DeliveryFailure.of(DeliveryFailure.Kind.NOTHING_TO_CHECK, check.host(), ""), List.of()));
                } else {
                    sentAt.add(results.size());
                    results.add(null);
                    senders.add(new Sender(this, startedAt, masker, destination, check.posts(), RetryPolicy.NONE,
                            check.reader()));
                }
            });
        }
        List<DeliveryOutcome> checked = sendAll(senders);
        for (int i = 0; i < checked.size(); i++) {
            results.set(sentAt.get(i), checked.get(i));
            LOG.info("System metrics: GA4 validation: {}", describeValidation(checked.get(i)));
        }
        return results;
    }

    public DeliveryHistory history() {
        return history;
    }

    @Override
    public Map<String, List<DeliveryOutcome>> recentOutcomes() {
        return history.snapshot();
    }

    /** Aborts deliveries in flight and stops every thread of ours; later deliveries fail at once. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        executor.shutdown();
        running.forEach(sender -> sender.abort(UNLOADING));
        transport.close();
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

    /**
     * One DELETE (the own endpoint's erase request) through the same transport and address checks as the reports,
     * answered within the delivery budget; not retried, since an administrator is waiting for the page.
     *
     * @return the HTTP status of the answer
     * @throws IOException when no answer came
     */
    public int delete(URI uri, Map<String, String> headers) throws IOException {
        return transport.newDelete(uri, headers, budget).execute().status();
    }

    HttpTransport transport() {
        return transport;
    }

    Duration budget() {
        return budget;
    }

    Instant now() {
        return clock.instant();
    }

    void sleep(Duration wait) throws InterruptedException {
        sleeper.sleep(wait);
    }

    double jitter() {
        return jitter.getAsDouble();
    }

    private static SecretMasker masker(List<Destination> destinations) {
        return new SecretMasker(destinations.stream().flatMap(d -> d.secrets().stream()).collect(Collectors.toList()));
    }

    /** Every sender's outcome, in the senders' order, within the budget (and a short grace to say why not). */
    private List<DeliveryOutcome> sendAll(List<Sender> senders) {
        if (closed.get()) {
            return senders.stream().map(sender -> sender.abandoned(SHUT_DOWN)).collect(Collectors.toList());
        }
        List<CompletableFuture<DeliveryOutcome>> futures = senders.stream().map(this::submit)
                .collect(Collectors.toList());
        String late = "it did not finish within the time budget of " + budget.toMillis() + " ms";
        if (!awaitAll(futures, budget)) {
            boolean interrupted = Thread.currentThread().isInterrupted();
            late = interrupted ? "interrupted" : late;
            for (int i = 0; i < senders.size(); i++) {
                if (!futures.get(i).isDone()) {
                    senders.get(i).abort(interrupted ? late
                            : "stopped: the time budget of " + budget.toMillis() + " ms was used up");
                }
            }
            awaitAll(futures, ABORT_GRACE);
        }
        List<DeliveryOutcome> results = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            DeliveryOutcome outcome = futures.get(i).getNow(null);
            results.add(outcome != null ? outcome : senders.get(i).abandoned(late));
        }
        return results;
    }

    private CompletableFuture<DeliveryOutcome> submit(Sender sender) {
        // Registered before it runs, so a close() in between still reaches it.
        running.add(sender);
        try {
            return CompletableFuture.supplyAsync(sender::send, executor)
                    .whenComplete((outcome, e) -> running.remove(sender))
                    // The words say what it means; the exception, whose class name is no administrator's word, goes
                    // to the log.
                    .exceptionally(e -> sender.abandoned("an unexpected error in the plugin stopped it",
                            String.valueOf(e.getCause())));
        } catch (RejectedExecutionException e) {
            running.remove(sender);
            return CompletableFuture.completedFuture(sender.abandoned(SHUT_DOWN));
        }
    }

    private static boolean awaitAll(List<CompletableFuture<DeliveryOutcome>> futures, Duration wait) {
        try {
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describeValidation(DeliveryOutcome result) {
        List<ValidationMessage> messages = result.validationMessages();
        return result.destination() + (result.error().isPresent() ? " not checked: " + failureText(result)
                : messages.isEmpty() ? " valid" : " " + messages.size() + " validation messages: " + messages)
                + " (" + result.requests() + " requests)";
    }

    /** The administrator's words first; the technical detail after them, for whoever reads the log to the end. */
    private static String failureText(DeliveryOutcome outcome) {
        return outcome.failure().map(DeliveryFailure::toString).orElseGet(() -> outcome.error().orElse("unknown error"));
    }

    private void log(Sender sender, DeliveryOutcome outcome) {
        Destination destination = sender.destination();
        if (outcome.succeeded()) {
            LOG.info("System metrics: report delivered to {} ({}HTTP {}, {} ms).", destination.name(),
                    destination.sentAs(sender.parts()), outcome.httpStatus(), outcome.duration().toMillis());
        } else if (closed.get()) {
            // The administrator unloaded or replaced the plugin: expected, not a delivery problem to warn about
            // (a real Openfire showed this WARN at every redeploy that met a report in flight).
            LOG.info("System metrics: the report was not delivered to {} because the plugin is unloading ({} POSTs, "
                    + "{} ms).", destination.name(), outcome.requests(), outcome.duration().toMillis());
        } else {
            LOG.warn("System metrics: could not deliver the report to {}: {} ({} POSTs, {} ms). The report file is "
                    + "written all the same; the next report is sent as scheduled.", destination.name(),
                    failureText(outcome), outcome.requests(), outcome.duration().toMillis());
        }
    }
}
