package org.systemmetrics.core.delivery.ga4;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ValidationMessage;

/**
 * Sends one report's requests, in order, to one destination, retrying what its {@link RetryPolicy} allows
 * within the report's deadline, and says how it went. Never throws. Stops at the first request that fails for
 * good, since later parts would meet the same fate and spend the budget.
 */
final class Ga4Sender {
    /** Reads a 2xx answer: GA's collect endpoint says nothing worth reading, its validation server lists messages. */
    @FunctionalInterface
    interface AnswerReader {
        AnswerReader IGNORE = (body, request) -> List.of();

        /**
         * @param request which of the report's requests this answer is for (1-based)
         * @throws IllegalArgumentException when the answer is not what was expected, with a short reason
         */
        List<ValidationMessage> read(String body, int request);
    }

    private final ReportRun run;
    private final String destination;
    private final URI uri;
    private final Optional<String> bearerToken;
    private final List<Ga4Request> requests;
    private final RetryPolicy retryPolicy;
    private final AnswerReader reader;

    /**
     * @param destination how the outcome names it: a measurement ID, or the administrator's endpoint URL, masked
     * @param bearerToken for the administrator's own endpoint; GA4 takes its secret in the URL instead
     */
    Ga4Sender(ReportRun run, String destination, URI uri, Optional<String> bearerToken, List<Ga4Request> requests,
            RetryPolicy retryPolicy, AnswerReader reader) {
        this.run = Objects.requireNonNull(run, "run");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.bearerToken = Objects.requireNonNull(bearerToken, "bearerToken");
        this.requests = List.copyOf(requests);
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** @param inFlight how the caller ends this from outside: budget used up, or the plugin unloading */
    DeliveryOutcome send(InFlight inFlight) {
        SecretMasker masker = run.masker();
        int posts = 0;
        int lastStatus = 0;
        List<ValidationMessage> messages = new ArrayList<>();
        String unreadable = null;
        for (int part = 0; part < requests.size(); part++) {
            String where = requests.size() == 1 ? "" : "part " + (part + 1) + " of " + requests.size() + ": ";
            byte[] body = requests.get(part).body();
            for (int attempt = 1; ; attempt++) {
                if (inFlight.aborted()) {
                    return outcome(posts, lastStatus, masker.errorText(where + inFlight.reason()), messages, unreadable);
                }
                Duration left = Duration.between(run.now(), run.deadline());
                if (left.isNegative() || left.isZero()) {
                    return outcome(posts, lastStatus, where + "the time budget was used up", messages, unreadable);
                }
                Ga4Transport.Call call = run.transport().newCall(uri, body, left, bearerToken);
                inFlight.track(call);
                posts++;
                String failure;
                boolean retryable;
                Optional<Duration> retryAfter = Optional.empty();
                try {
                    Ga4Transport.Response response = call.execute();
                    lastStatus = response.status();
                    if (response.successful()) {
                        unreadable = read(response.body(), part + 1, messages, unreadable);
                        break;
                    }
                    // Only the status and its standard phrase: an endpoint's body (or its own reason phrase) may
                    // echo the token in any encoding, so none of it is kept.
                    failure = statusText(response.status());
                    retryable = retryPolicy.isRetryable(response.status());
                    retryAfter = response.retryAfter().flatMap(h -> RetryPolicy.parseRetryAfter(h, run.now()));
                } catch (IOException | RuntimeException e) {
                    lastStatus = 0;
                    if (inFlight.aborted()) {
                        return outcome(posts, 0, masker.errorText(where + inFlight.reason()), messages, unreadable);
                    }
                    failure = describe(e);
                    retryable = isRetryable(e);
                } finally {
                    inFlight.track(null);
                }
                if (!retryable || attempt >= retryPolicy.maxAttempts()) {
                    String tries = attempt > 1 ? " (after " + attempt + " tries)" : "";
                    return outcome(posts, lastStatus, masker.errorText(where + failure + tries), messages, unreadable);
                }
                Duration wait = retryPolicy.backoff(attempt, retryAfter, run.jitter());
                if (run.now().plus(wait).isAfter(run.deadline())) {
                    return outcome(posts, lastStatus,
                            masker.errorText(where + failure + " (no time left in the budget to try again)"), messages,
                            unreadable);
                }
                try {
                    run.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    String why = inFlight.aborted() ? inFlight.reason() : "interrupted";
                    return outcome(posts, lastStatus, masker.errorText(where + failure + "; " + why), messages,
                            unreadable);
                }
            }
        }
        return outcome(posts, lastStatus, null, messages, unreadable);
    }

    /** What to report when this sender could not run or finish: no POST counted, the reason masked. */
    DeliveryOutcome abandoned(String why) {
        return DeliveryOutcome.failure(destination, run.startedAt(), run.elapsed(), 0, 0, run.masker().errorText(why));
    }

    /**
     * Reads one answer into {@code messages}; after the first unreadable one, later answers are not read, since that
     * one already makes the whole check fail. Returns the reason of the first unreadable answer, if any.
     */
    private String read(String body, int request, List<ValidationMessage> messages, String unreadable) {
        if (unreadable != null) {
            return unreadable;
        }
        try {
            messages.addAll(reader.read(body, request));
            return null;
        } catch (IllegalArgumentException e) {
            return "Google's answer to request " + request + " could not be read: " + e.getMessage();
        }
    }

    /** An answer that could not be read proves nothing: it must not pass for "no messages", whatever came after. */
    private DeliveryOutcome outcome(int posts, int lastStatus, String error, List<ValidationMessage> messages,
            String unreadable) {
        return new DeliveryOutcome(destination, run.startedAt(), run.elapsed(), posts, lastStatus,
                unreadable != null ? unreadable : error, messages);
    }

    /** {@code HTTP 401 Unauthorized}: the code and the standard English phrase for it, from a fixed list. */
    static String statusText(int status) {
        String phrase = status >= 100 && status < 600
                ? EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH) : null;
        return "HTTP " + status + (phrase == null ? "" : " " + phrase);
    }

    /** Certificate and host-name failures do not heal by themselves; everything else on the network may. */
    private static boolean isRetryable(Exception e) {
        return e instanceof IOException && !(e instanceof SSLHandshakeException) && !(e instanceof SSLPeerUnverifiedException)
                && !(e instanceof CheckedDnsResolver.RefusedAddressException);
    }

    /**
     * The network's own words (a refused connection, a time-out, a certificate problem) are kept; an exception about
     * the answer itself (a malformed header or chunk) is named by its class only, since its message quotes what the
     * endpoint sent, which may be the token in any encoding.
     */
    private static String describe(Exception e) {
        String message = e.getMessage();
        boolean network = e instanceof SocketException || e instanceof UnknownHostException
                || e instanceof SSLException || e instanceof InterruptedIOException
                || e instanceof Ga4Transport.LocalFailure || e instanceof NoHttpResponseException
                || e instanceof ConnectionClosedException;
        if (!network) {
            return e.getClass().getSimpleName() + ": the answer could not be read (its text is not shown)";
        }
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
