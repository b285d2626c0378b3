package org.systemmetrics.core.delivery;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends one report's POSTs, in order, to one destination, retrying what the {@link RetryPolicy} allows before the
 * report's deadline, and says how it went. Never throws. Stops at the first POST that fails for good, since later
 * parts would meet the same fate and spend the budget. {@link #abort} ends it from another thread.
 */
final class Sender {
    private final Delivery delivery;
    private final Instant startedAt;
    private final Instant deadline;
    private final SecretMasker masker;
    private final Destination destination;
    private final List<Post> posts;
    private final RetryPolicy retryPolicy;
    private final Check.AnswerReader reader;
    private String abortedBecause;
    private Thread worker;
    private HttpTransport.Call call;
    // What the worker has seen so far; only its thread touches these.
    private int count;
    private int lastStatus;
    private final List<ValidationMessage> messages = new ArrayList<>();
    private DeliveryFailure unreadable;

    Sender(Delivery delivery, Instant startedAt, SecretMasker masker, Destination destination, List<Post> posts,
            RetryPolicy retryPolicy, Check.AnswerReader reader) {
        this.delivery = delivery;
        this.startedAt = startedAt;
        this.deadline = startedAt.plus(delivery.budget());
        this.masker = masker;
        this.destination = destination;
        this.posts = List.copyOf(posts);
        this.retryPolicy = retryPolicy;
        this.reader = reader;
    }

    Destination destination() {
        return destination;
    }

    int parts() {
        return posts.size();
    }

    DeliveryOutcome send() {
        synchronized (this) {
            worker = Thread.currentThread();
        }
        try {
            return sendAll();
        } finally {
            synchronized (this) {
                worker = null; // the pool's thread may serve other work now: an abort must not interrupt it
            }
        }
    }

    private DeliveryOutcome sendAll() {
        for (int part = 1; part <= posts.size(); part++) {
            Post post = posts.get(part - 1);
            for (int attempt = 1; ; attempt++) {
                Duration left = Duration.between(delivery.now(), deadline);
                String stop = abortedBecause();
                if (stop == null && (left.isNegative() || left.isZero())) {
                    stop = "the time budget was used up";
                }
                if (stop != null) {
                    return outcome(stopped(stop, part));
                }
                HttpTransport.Call current = delivery.transport().newCall(post, left);
                if (!track(current)) {
                    return outcome(stopped(abortedBecause(), part));
                }
                count++;
                DeliveryFailure failure;
                boolean retryable;
                Optional<Duration> retryAfter = Optional.empty();
                try {
                    HttpTransport.Response response = current.execute();
                    lastStatus = response.status();
                    if (response.successful()) {
                        read(response.body(), part);
                        break;
                    }
                    // Only the status and its standard phrase: an endpoint's body (or its own reason phrase) may
                    // echo the token in any encoding, so none of it is kept.
                    failure = DeliveryFailure.ofStatus(response.status(), post.host());
                    retryable = retryPolicy.isRetryable(response.status());
                    retryAfter = response.retryAfter().flatMap(h -> RetryPolicy.parseRetryAfter(h, delivery.now()));
                } catch (IOException | RuntimeException e) {
                    lastStatus = 0;
                    if (abortedBecause() != null) {
                        return outcome(stopped(abortedBecause(), part));
                    }
                    failure = DeliveryFailure.of(e, post.host(), masker, delivery.transport(), left);
                    retryable = DeliveryFailure.isRetryable(e);
                } finally {
                    track(null);
                }
                failure = failure.at(part, posts.size()).afterTries(attempt);
                if (!retryable || attempt >= retryPolicy.maxAttempts()) {
                    return outcome(failure);
                }
                Duration wait = retryPolicy.backoff(attempt, retryAfter, delivery.jitter());
                if (delivery.now().plus(wait).isAfter(deadline)) {
                    return outcome(failure.withDetail(failure.detail().map(d -> d + "; ").orElse("")
                            + "no time left in the budget to try again"));
                }
                try {
                    delivery.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    String why = abortedBecause() != null ? abortedBecause() : "interrupted";
                    return outcome(stopped(why, part).withDetail(failure.toString()));
                }
            }
        }
        return outcome(null);
    }

    /** Ends this sender: its current POST is cancelled and a wait interrupted; it then reports {@code why}. */
    synchronized void abort(String why) {
        if (abortedBecause != null) {
            return;
        }
        abortedBecause = why;
        if (call != null) {
            call.abort();
        }
        if (worker != null) {
            worker.interrupt();
        }
    }

    private synchronized String abortedBecause() {
        return abortedBecause;
    }

    /** False when aborted before the call could start. */
    private synchronized boolean track(HttpTransport.Call current) {
        call = current;
        return current == null || abortedBecause == null;
    }

    /** What to report when this sender could not run or finish: no POST counted. */
    DeliveryOutcome abandoned(String why) {
        return abandoned(why, null);
    }

    /** @param detail the technical cause, for the log only: never the page's or the history's words */
    DeliveryOutcome abandoned(String why, String detail) {
        DeliveryFailure failure = DeliveryFailure.of(DeliveryFailure.Kind.STOPPED, host(), masker.errorText(why));
        return DeliveryOutcome.of(destination.id(), startedAt, elapsed(), 0, 0,
                detail == null ? failure : failure.withDetail(masker.errorText(detail)), List.of());
    }

    private DeliveryFailure stopped(String why, int part) {
        return DeliveryFailure.of(DeliveryFailure.Kind.STOPPED, host(), masker.errorText(why)).at(part, posts.size());
    }

    private String host() {
        return posts.isEmpty() ? destination.id() : posts.get(0).host();
    }

    private void read(String body, int part) {
        if (unreadable != null) {
            return;
        }
        try {
            messages.addAll(reader.read(body, part));
        } catch (IllegalArgumentException e) {
            // The words are the page's, in its language; what was wrong with the answer is the log's detail.
            unreadable = DeliveryFailure.of(DeliveryFailure.Kind.CHECK_UNREADABLE, host(), "")
                    .withDetail(e.getMessage()).at(part, posts.size());
        }
    }

    /** An answer that could not be read proves nothing: it must not pass for "no messages", whatever came after. */
    private DeliveryOutcome outcome(DeliveryFailure failure) {
        return DeliveryOutcome.of(destination.id(), startedAt, elapsed(), count, lastStatus,
                unreadable != null ? unreadable : failure, messages);
    }

    private Duration elapsed() {
        Duration elapsed = Duration.between(startedAt, delivery.now());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }
}
