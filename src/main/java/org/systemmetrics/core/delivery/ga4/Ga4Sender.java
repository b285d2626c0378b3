package org.systemmetrics.core.delivery.ga4;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Sends a report's requests, in order, to one destination, retrying what the {@link RetryPolicy} allows
 * within the report's deadline. Never throws: it returns what happened. Stops at the first request that
 * fails for good, since later parts would meet the same fate and spend the budget.
 */
final class Ga4Sender {
    private final Ga4Transport transport;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    Ga4Sender(Ga4Transport transport, RetryPolicy retryPolicy, Clock clock, Sleeper sleeper, DoubleSupplier jitter) {
        this.transport = transport;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /**
     * @param retry false for validation, where an administrator is waiting for the answer
     * @param masker cleans every error text before it leaves this method
     */
    SendResult send(URI uri, List<Ga4Request> requests, Instant deadline, InFlight inFlight, boolean retry,
            SecretMasker masker) {
        return send(uri, requests, deadline, inFlight, retry, masker, Optional.empty());
    }

    /** @param bearerToken for the administrator's own endpoint; GA4 takes its secret in the URL instead */
    SendResult send(URI uri, List<Ga4Request> requests, Instant deadline, InFlight inFlight, boolean retry,
            SecretMasker masker, Optional<String> bearerToken) {
        int posts = 0;
        int lastStatus = 0;
        List<String> bodies = new ArrayList<>();
        for (int part = 0; part < requests.size(); part++) {
            String where = requests.size() == 1 ? "" : "part " + (part + 1) + " of " + requests.size() + ": ";
            byte[] body = requests.get(part).body();
            for (int attempt = 1; ; attempt++) {
                if (inFlight.aborted()) {
                    return SendResult.failed(posts, lastStatus, masker.errorText(where + inFlight.reason()), bodies);
                }
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return SendResult.failed(posts, lastStatus, where + "the time budget was used up", bodies);
                }
                Ga4Transport.Call call = transport.newCall(uri, body, left, bearerToken);
                inFlight.track(call);
                posts++;
                String failure;
                boolean retryable;
                Optional<Duration> retryAfter = Optional.empty();
                try {
                    Ga4Transport.Response response = call.execute();
                    lastStatus = response.status();
                    if (response.successful()) {
                        bodies.add(response.body());
                        break;
                    }
                    failure = "HTTP " + response.status() + (response.body().isBlank() ? "" : ": " + response.body());
                    retryable = retryPolicy.isRetryable(response.status());
                    retryAfter = response.retryAfter().flatMap(h -> RetryPolicy.parseRetryAfter(h, clock.instant()));
                } catch (IOException | RuntimeException e) {
                    lastStatus = 0;
                    if (inFlight.aborted()) {
                        return SendResult.failed(posts, 0, masker.errorText(where + inFlight.reason()), bodies);
                    }
                    failure = describe(e);
                    retryable = isRetryable(e);
                } finally {
                    inFlight.track(null);
                }
                if (!retry || !retryable || attempt >= retryPolicy.maxAttempts()) {
                    String tries = attempt > 1 ? " (after " + attempt + " tries)" : "";
                    return SendResult.failed(posts, lastStatus, masker.errorText(where + failure + tries), bodies);
                }
                Duration wait = retryPolicy.backoff(attempt, retryAfter, jitter.getAsDouble());
                if (clock.instant().plus(wait).isAfter(deadline)) {
                    return SendResult.failed(posts, lastStatus,
                            masker.errorText(where + failure + " (no time left in the budget to try again)"), bodies);
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    String why = inFlight.aborted() ? inFlight.reason() : "interrupted";
                    return SendResult.failed(posts, lastStatus, masker.errorText(where + failure + "; " + why), bodies);
                }
            }
        }
        return SendResult.succeeded(posts, lastStatus, bodies);
    }

    /** Certificate and host-name failures do not heal by themselves; everything else on the network may. */
    private static boolean isRetryable(Exception e) {
        return e instanceof IOException && !(e instanceof SSLHandshakeException) && !(e instanceof SSLPeerUnverifiedException);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** One destination's result: how many POSTs were made, the last HTTP status, the error if any, the answers. */
    static final class SendResult {
        private final int posts;
        private final int lastStatus;
        private final Optional<String> error;
        private final List<String> responseBodies;

        private SendResult(int posts, int lastStatus, Optional<String> error, List<String> responseBodies) {
            this.posts = posts;
            this.lastStatus = lastStatus;
            this.error = error;
            this.responseBodies = List.copyOf(responseBodies);
        }

        static SendResult succeeded(int posts, int lastStatus, List<String> bodies) {
            return new SendResult(posts, lastStatus, Optional.empty(), bodies);
        }

        static SendResult failed(int posts, int lastStatus, String error, List<String> bodies) {
            return new SendResult(posts, lastStatus, Optional.of(error), bodies);
        }

        int posts() {
            return posts;
        }

        int lastStatus() {
            return lastStatus;
        }

        Optional<String> error() {
            return error;
        }

        List<String> responseBodies() {
            return responseBodies;
        }
    }
}
