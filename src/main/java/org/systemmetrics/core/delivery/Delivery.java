package org.systemmetrics.core.delivery;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.text.Texts;

/**
 * The one sender of every destination: all served at once, one daemon thread each, so a slow one never delays
 * another, and the whole delivery (all destinations, all tries) within one time budget. A delivery and a validation
 * differ only in what is sent, the retries and what is read from the answers.
 */
public final class Delivery implements ReportDelivery {
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);
    public static final int HISTORY_PER_DESTINATION = 20;
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    private static final Texts TEXTS = Texts.of(Delivery.class);
    private static final String THREAD_NAME_PREFIX = PluginName.CANONICAL + "-delivery-";
    /** How long an aborted sender gets to report what it had done before it is given up on. */
    private static final Duration ABORT_GRACE = Duration.ofMillis(500);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    /** Waits between tries; injected so tests see the waits without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpTransport transport;
    private final RetryPolicy retryPolicy;
    private final Duration budget;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    /** The last deliveries per destination, newest first: in memory only, so a restart starts afresh. */
    private final Map<String, Deque<DeliveryOutcome>> history = new LinkedHashMap<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    /** Senders at work, for close() to abort and wait for; a finished one leaves, keeping no report alive. */
    private final Set<Sender> running = new HashSet<>();
    /**
     * Their threads, under the same lock: a sender leaves {@link #running} a moment before its thread has ended, and
     * an unloaded plugin must leave no thread behind. An ended thread keeps no sender alive.
     */
    private final Set<Thread> threads = new HashSet<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The JVM's trust store, 5 s to connect, 10 s for an answer; the versions go into the User-Agent header. */
    public Delivery(String pluginVersion, String openfireVersion) {
        this(new HttpTransport(HttpTransport.userAgent(pluginVersion, openfireVersion), Duration.ofSeconds(5),
                Duration.ofSeconds(10), SSLContext::getDefault, SystemDefaultDnsResolver.INSTANCE), RetryPolicy.DEFAULT,
                DEFAULT_BUDGET, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** For tests: a local stand-in's transport, a fake clock and sleeper, fixed jitter. */
    public Delivery(HttpTransport transport, RetryPolicy retryPolicy, Duration budget, Clock clock, Sleeper sleeper,
            DoubleSupplier jitter) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.budget = RetryPolicy.positive(budget, "budget");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    /** A destination that no part of the report may go to is sent nothing, and its outcome says so. */
    @Override
    public List<DeliveryOutcome> deliver(Report report, List<Destination> destinations) {
        List<DeliveryOutcome> outcomes = send(destinations, d -> Optional.of(d.posts(report)), false);
        record(outcomes);
        return outcomes;
    }

    /**
     * Not recorded in the history; a failed request is not retried, since an administrator is waiting. A destination
     * that could check but has nothing of this report to check is told so without a request.
     */
    @Override
    public List<DeliveryOutcome> validate(Report report, List<Destination> destinations) {
        return send(destinations, d -> d.checkPosts(report), true);
    }

    /** Newest first, at most {@value #HISTORY_PER_DESTINATION} per destination. */
    void record(List<DeliveryOutcome> outcomes) {
        synchronized (history) {
            for (DeliveryOutcome outcome : outcomes) {
                Deque<DeliveryOutcome> kept = history.computeIfAbsent(outcome.destination(), d -> new ArrayDeque<>());
                kept.addFirst(outcome);
                if (kept.size() > HISTORY_PER_DESTINATION) {
                    kept.removeLast();
                }
            }
        }
    }

    /** A copy that later deliveries leave alone. */
    @Override
    public Map<String, List<DeliveryOutcome>> recentOutcomes() {
        Map<String, List<DeliveryOutcome>> copy = new LinkedHashMap<>();
        synchronized (history) {
            history.forEach((destination, outcomes) -> copy.put(destination, List.copyOf(outcomes)));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Aborts deliveries in flight and stops every thread of ours; later deliveries fail at once. Idempotent. */
    @Override
    public void close() {
        List<Sender> senders;
        List<Thread> started;
        synchronized (running) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            senders = List.copyOf(running);
            started = List.copyOf(threads);
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        senders.forEach(sender -> sender.abort(TEXTS.get("stopped.unloading")));
        transport.close();
        try {
            for (Thread thread : started) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Asked again, not remembered: an interrupted wait says nothing of whether the threads have ended.
        if (started.stream().anyMatch(Thread::isAlive)) {
            LOG.warn(TEXTS.get("delivery.thread_left", CLOSE_WAIT.toMillis()));
        }
    }

    /**
     * The own endpoint's erase request, through the same transport and address checks as the reports, within the
     * budget; not retried, since an administrator is waiting. Returns the answer's HTTP status; without one, why,
     * masked with {@code secrets}.
     */
    public int delete(URI uri, Map<String, String> headers, List<String> secrets) throws DeliveryFailure.Unanswered {
        try {
            return transport.execute(transport.delete(uri, headers, budget)).status;
        } catch (IOException e) {
            throw new DeliveryFailure.Unanswered(transport.failure(e, Post.host(uri), new SecretMasker(secrets),
                    budget));
        }
    }

    /** Every outcome in the destinations' order, within the budget; {@code posts} is empty where nothing goes. */
    private List<DeliveryOutcome> send(List<Destination> destinations,
            Function<Destination, Optional<List<Post>>> posts, boolean validating) {
        Instant startedAt = clock.instant();
        SecretMasker masker = new SecretMasker(destinations.stream().flatMap(d -> d.secrets().stream())
                .collect(Collectors.toList()));
        List<Sender> senders = new ArrayList<>();
        for (Destination d : destinations) {
            posts.apply(d).ifPresent(p -> senders.add(new Sender(startedAt, masker, d, p, validating)));
        }
        senders.forEach(this::start);
        CompletableFuture<Void> all = CompletableFuture.allOf(senders.stream().map(sender -> sender.result)
                .toArray(CompletableFuture<?>[]::new));
        if (!await(all, budget)) {
            boolean interrupted = Thread.currentThread().isInterrupted();
            String why = interrupted ? TEXTS.get("stopped.interrupted")
                    : TEXTS.get("stopped.budget_used_up", budget.toMillis());
            senders.stream().filter(sender -> !sender.result.isDone()).forEach(sender -> sender.abort(why));
            await(all, ABORT_GRACE);
            String late = interrupted ? why : TEXTS.get("stopped.late", budget.toMillis());
            senders.stream().filter(sender -> !sender.result.isDone())
                    .forEach(sender -> sender.result.complete(sender.abandoned(late, null)));
        }
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (Sender sender : senders) {
            DeliveryOutcome outcome = sender.result.join();
            sender.log(outcome);
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** Each sender on a daemon thread of its own, so a slow destination never holds up another; none after close(). */
    private void start(Sender sender) {
        synchronized (running) {
            if (closed.get()) {
                sender.result.complete(sender.abandoned(TEXTS.get("stopped.shut_down"), null));
                return;
            }
            running.add(sender);
            threads.removeIf(thread -> !thread.isAlive());
            threads.add(sender.thread);
            sender.thread.start();
        }
    }

    private static boolean await(CompletableFuture<Void> all, Duration wait) {
        try {
            all.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Sends one report's POSTs, in order, to one destination, retrying what the policy allows before the deadline,
     * and says how it went. Never throws. Stops at the first POST that fails for good, since later parts would meet
     * the same fate and spend the budget. {@link #abort} ends it from another thread.
     */
    private final class Sender {
        private final Instant startedAt;
        /** The delivery's one deadline: every sender of it started at the same instant. */
        private final Instant deadline;
        private final SecretMasker masker;
        private final Destination destination;
        private final List<Post> posts;
        /** As failure texts name the destination: its posts all go to one host. */
        private final String host;
        private final boolean validating;
        /** The first reason to stop is the one reported. */
        private final AtomicReference<String> stoppedBecause = new AtomicReference<>();
        private final Thread thread = new Thread(this::run, THREAD_NAME_PREFIX + threadNumber.incrementAndGet());
        private final CompletableFuture<DeliveryOutcome> result = new CompletableFuture<>();
        private HttpUriRequestBase request;
        // What the worker has seen so far; only its thread touches these.
        private int count;
        private int lastStatus;
        private final List<ValidationMessage> messages = new ArrayList<>();
        private DeliveryFailure unreadable;

        Sender(Instant startedAt, SecretMasker masker, Destination destination, List<Post> posts, boolean validating) {
            this.startedAt = startedAt;
            this.deadline = startedAt.plus(budget);
            this.masker = masker;
            this.destination = destination;
            this.posts = List.copyOf(posts);
            this.host = posts.isEmpty() ? destination.id() : posts.get(0).host();
            this.validating = validating;
            thread.setDaemon(true);
        }

        private void run() {
            try {
                result.complete(posts.isEmpty() ? outcome(failure(validating ? DeliveryFailure.Kind.NOTHING_TO_CHECK
                        : DeliveryFailure.Kind.NOTHING_ACCEPTABLE, "")) : sendAll());
            } catch (RuntimeException | Error e) {
                // The administrator reads what it means; the exception's class goes to the log only.
                result.complete(abandoned(TEXTS.get("stopped.plugin_error"), String.valueOf(e)));
            } finally {
                synchronized (running) {
                    running.remove(this);
                }
            }
        }

        private DeliveryOutcome sendAll() {
            for (int part = 1; part <= posts.size(); part++) {
                DeliveryFailure failure = sendWithRetries(part);
                if (failure != null) {
                    return outcome(failure);
                }
            }
            return outcome(null);
        }

        /** The {@code part}th POST (1-based), tried again while that may help before the deadline; null on success. */
        private DeliveryFailure sendWithRetries(int part) {
            Post post = posts.get(part - 1);
            int maxAttempts = validating ? 1 : retryPolicy.maxAttempts();
            for (int attempt = 1; ; attempt++) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    stoppedBecause.compareAndSet(null, TEXTS.get("stopped.budget_gone"));
                }
                if (!track(transport.post(post, left))) {
                    return stopped(part);
                }
                count++;
                DeliveryFailure failure;
                Optional<Duration> retryAfter = Optional.empty();
                try {
                    HttpTransport.Response response = transport.execute(request);
                    lastStatus = response.status;
                    if (response.successful()) {
                        read(response.body, part);
                        return null;
                    }
                    // Only the status and its standard phrase: an endpoint's body (or its own reason phrase) may echo
                    // the token in any encoding, so none of it is kept.
                    failure = DeliveryFailure.ofStatus(response.status, host);
                    retryAfter = RetryPolicy.parseRetryAfter(response.retryAfter, clock.instant());
                } catch (IOException | RuntimeException e) {
                    lastStatus = 0;
                    if (stoppedBecause.get() != null) {
                        return stopped(part);
                    }
                    failure = transport.failure(e, host, masker, left);
                } finally {
                    track(null);
                }
                failure = failure.at(part, posts.size()).afterTries(attempt);
                if (!failure.retryable() || attempt >= maxAttempts) {
                    return failure;
                }
                Duration wait = retryPolicy.backoff(attempt, retryAfter, jitter.getAsDouble());
                if (clock.instant().plus(wait).isAfter(deadline)) {
                    return failure.withDetail(failure.detail().map(d -> d + "; ").orElse("")
                            + TEXTS.get("detail.no_time_left"));
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stoppedBecause.compareAndSet(null, TEXTS.get("stopped.interrupted"));
                    return stopped(part).withDetail(failure.toString());
                }
            }
        }

        /** Ends this sender: its current request is cancelled and a wait interrupted; it then reports {@code why}. */
        synchronized void abort(String why) {
            if (stoppedBecause.compareAndSet(null, why)) {
                if (request != null) {
                    request.cancel();
                }
                thread.interrupt();
            }
        }

        /** False when stopped before the request could start. */
        private synchronized boolean track(HttpUriRequestBase current) {
            request = current;
            return current == null || stoppedBecause.get() == null;
        }

        /** What to report when this sender could not run or finish: no POST counted. */
        DeliveryOutcome abandoned(String why, String detail) {
            DeliveryFailure failure = failure(DeliveryFailure.Kind.STOPPED, masker.errorText(why));
            return new DeliveryOutcome(destination.id(), startedAt, elapsed(), 0, 0,
                    detail == null ? failure : failure.withDetail(masker.errorText(detail)), List.of());
        }

        private DeliveryFailure stopped(int part) {
            return failure(DeliveryFailure.Kind.STOPPED, masker.errorText(stoppedBecause.get())).at(part, posts.size());
        }

        private DeliveryFailure failure(DeliveryFailure.Kind kind, String fact) {
            return DeliveryFailure.of(kind, host, fact);
        }

        private void read(String body, int part) {
            if (!validating || unreadable != null) {
                return;
            }
            try {
                destination.readCheck(body, part).forEach(message -> messages.add(message.masked(masker)));
            } catch (IllegalArgumentException e) {
                // The words are the page's, in its language; what was wrong with the answer is the log's detail.
                unreadable = failure(DeliveryFailure.Kind.CHECK_UNREADABLE, "").withDetail(e.getMessage())
                        .at(part, posts.size());
            }
        }

        /** An answer that could not be read proves nothing: it must not pass for "no messages", whatever came after. */
        private DeliveryOutcome outcome(DeliveryFailure failure) {
            return new DeliveryOutcome(destination.id(), startedAt, elapsed(), count, lastStatus,
                    unreadable != null ? unreadable : failure, messages);
        }

        private Duration elapsed() {
            Duration elapsed = Duration.between(startedAt, clock.instant());
            return elapsed.isNegative() ? Duration.ZERO : elapsed;
        }

        void log(DeliveryOutcome outcome) {
            String failure = outcome.failure().map(DeliveryFailure::toString).orElse(null);
            // Nothing to send or check is no answer of a server: the encoding has said so already.
            if (outcome.failure().filter(f -> f.kind() == DeliveryFailure.Kind.NOTHING_TO_CHECK
                    || f.kind() == DeliveryFailure.Kind.NOTHING_ACCEPTABLE).isPresent()) {
                return;
            }
            if (validating) {
                List<ValidationMessage> found = outcome.validationMessages();
                LOG.info(failure != null
                        ? TEXTS.get("validation.not_checked", destination.id(), failure, outcome.requests())
                        : found.isEmpty() ? TEXTS.get("validation.valid", destination.id(), outcome.requests())
                        : TEXTS.get("validation.found", destination.id(), found.size(), found, outcome.requests()));
            } else if (failure == null) {
                LOG.info(TEXTS.get("delivery.delivered", destination.name(), destination.sentAs(posts.size()),
                        outcome.httpStatus(), outcome.duration().toMillis()));
            } else if (closed.get()) {
                // The administrator unloaded or replaced the plugin: expected, not a delivery problem to warn about
                // (a real Openfire showed this WARN at every redeploy that met a report in flight).
                LOG.info(TEXTS.get("delivery.unloading", destination.name(), outcome.requests(),
                        outcome.duration().toMillis()));
            } else {
                LOG.warn(TEXTS.get("delivery.failed", destination.name(), failure, outcome.requests(),
                        outcome.duration().toMillis()));
            }
        }
    }
}
