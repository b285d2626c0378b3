package org.systemmetrics.core.delivery.ga4;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.systemmetrics.core.config.LogText;
import org.systemmetrics.core.delivery.DeliveryFailure;
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
        DeliveryFailure unreadable = null;
        for (int part = 0; part < requests.size(); part++) {
            int number = part + 1;
            byte[] body = requests.get(part).body();
            for (int attempt = 1; ; attempt++) {
                if (inFlight.aborted()) {
                    return outcome(posts, lastStatus, stopped(inFlight.reason(), number), messages, unreadable);
                }
                Duration left = Duration.between(run.now(), run.deadline());
                if (left.isNegative() || left.isZero()) {
                    return outcome(posts, lastStatus, stopped("the time budget was used up", number), messages,
                            unreadable);
                }
                Ga4Transport.Call call = run.transport().newCall(uri, body, left, bearerToken);
                inFlight.track(call);
                posts++;
                DeliveryFailure failure;
                boolean retryable;
                Optional<Duration> retryAfter = Optional.empty();
                try {
                    Ga4Transport.Response response = call.execute();
                    lastStatus = response.status();
                    if (response.successful()) {
                        unreadable = read(response.body(), number, messages, unreadable);
                        break;
                    }
                    // Only the status and its standard phrase: an endpoint's body (or its own reason phrase) may
                    // echo the token in any encoding, so none of it is kept.
                    failure = statusFailure(response.status());
                    retryable = retryPolicy.isRetryable(response.status());
                    retryAfter = response.retryAfter().flatMap(h -> RetryPolicy.parseRetryAfter(h, run.now()));
                } catch (IOException | RuntimeException e) {
                    lastStatus = 0;
                    if (inFlight.aborted()) {
                        return outcome(posts, 0, stopped(inFlight.reason(), number), messages, unreadable);
                    }
                    failure = describe(e, masker, left);
                    retryable = isRetryable(e);
                } finally {
                    inFlight.track(null);
                }
                failure = failure.at(number, requests.size()).afterTries(attempt);
                if (!retryable || attempt >= retryPolicy.maxAttempts()) {
                    return outcome(posts, lastStatus, failure, messages, unreadable);
                }
                Duration wait = retryPolicy.backoff(attempt, retryAfter, run.jitter());
                if (run.now().plus(wait).isAfter(run.deadline())) {
                    return outcome(posts, lastStatus, failure.withDetail(failure.detail().map(d -> d + "; ").orElse("")
                            + "no time left in the budget to try again"), messages, unreadable);
                }
                try {
                    run.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    String why = inFlight.aborted() ? inFlight.reason() : "interrupted";
                    return outcome(posts, lastStatus, stopped(why, number).withDetail(failure.toString()), messages,
                            unreadable);
                }
            }
        }
        return outcome(posts, lastStatus, null, messages, unreadable);
    }

    /** What to report when this sender could not run or finish: no POST counted, the reason masked. */
    DeliveryOutcome abandoned(String why) {
        return abandoned(DeliveryFailure.of(DeliveryFailure.Kind.STOPPED, host(), run.masker().errorText(why)));
    }

    /** @param detail the technical cause, masked, for the log only: never the page's or the history's words */
    DeliveryOutcome abandoned(String why, String detail) {
        return abandoned(DeliveryFailure.of(DeliveryFailure.Kind.STOPPED, host(), run.masker().errorText(why))
                .withDetail(run.masker().errorText(detail)));
    }

    private DeliveryOutcome abandoned(DeliveryFailure failure) {
        return DeliveryOutcome.of(destination, run.startedAt(), run.elapsed(), 0, 0, failure, List.of());
    }

    /** Our side ended it (budget, unloading): the reason is ours, and says so. */
    private DeliveryFailure stopped(String why, int part) {
        return DeliveryFailure.of(DeliveryFailure.Kind.STOPPED, host(), run.masker().errorText(why))
                .at(part, requests.size());
    }

    /** The destination's host as the failure texts name it; never its path, where a capability URL keeps its secret. */
    private String host() {
        return uri.getHost() == null ? LogText.address(uri) : uri.getHost();
    }

    /**
     * Reads one answer into {@code messages}; after the first unreadable one, later answers are not read, since that
     * one already makes the whole check fail. Returns the reason of the first unreadable answer, if any.
     */
    private DeliveryFailure read(String body, int request, List<ValidationMessage> messages, DeliveryFailure unreadable) {
        if (unreadable != null) {
            return unreadable;
        }
        try {
            messages.addAll(reader.read(body, request));
            return null;
        } catch (IllegalArgumentException e) {
            // The words are the page's, in its language; what was wrong with the answer is the log's detail.
            return DeliveryFailure.of(DeliveryFailure.Kind.CHECK_UNREADABLE, host(), "").withDetail(e.getMessage())
                    .at(request, requests.size());
        }
    }

    /** An answer that could not be read proves nothing: it must not pass for "no messages", whatever came after. */
    private DeliveryOutcome outcome(int posts, int lastStatus, DeliveryFailure failure, List<ValidationMessage> messages,
            DeliveryFailure unreadable) {
        return DeliveryOutcome.of(destination, run.startedAt(), run.elapsed(), posts, lastStatus,
                unreadable != null ? unreadable : failure, messages);
    }

    /** An answer that is no success, by what it means for the administrator; the status text is from a fixed list. */
    private DeliveryFailure statusFailure(int status) {
        DeliveryFailure.Kind kind;
        if (status == 401 || status == 403) {
            kind = DeliveryFailure.Kind.CREDENTIALS_REFUSED;
        } else if (status == 429) {
            kind = DeliveryFailure.Kind.BUSY;
        } else if (status >= 500) {
            kind = DeliveryFailure.Kind.SERVER_FAILED;
        } else if (status >= 300 && status < 400) {
            kind = DeliveryFailure.Kind.REDIRECTED;
        } else {
            kind = DeliveryFailure.Kind.REFUSED;
        }
        return DeliveryFailure.of(kind, host(), statusText(status));
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
     * What a failed call means for the administrator, from its cause; the technical detail keeps the network's own
     * words (a refused connection, a time-out, a certificate problem) for the log. An exception about the answer
     * itself (a malformed header or chunk) is named by its class only, since its message quotes what the endpoint
     * sent, which may be the token in any encoding.
     *
     * @param left what the budget had left when the call began, which caps how long it waited for an answer
     */
    private DeliveryFailure describe(Exception e, SecretMasker masker, Duration left) {
        String message = e.getMessage();
        String detail = masker.errorText(e.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message));
        DeliveryFailure.Kind kind;
        String fact = "";
        if (e instanceof CheckedDnsResolver.RefusedAddressException) {
            kind = DeliveryFailure.Kind.ADDRESS_REFUSED;
        } else if (e instanceof UnknownHostException) {
            kind = DeliveryFailure.Kind.NAME_NOT_RESOLVED;
        } else if (e instanceof ConnectTimeoutException
                || e instanceof SocketTimeoutException && message != null && message.toLowerCase(Locale.ROOT).contains("connect")) {
            kind = DeliveryFailure.Kind.CONNECT_TIMED_OUT;
            fact = seconds(run.transport().connectTimeout());
        } else if (e instanceof SocketTimeoutException) {
            kind = DeliveryFailure.Kind.NO_ANSWER_IN_TIME;
            // The call waited no longer than the budget had left, as Ga4Transport.newCall sets it.
            Duration waited = run.transport().responseTimeout();
            fact = seconds(left.compareTo(waited) < 0 ? left : waited);
        } else if (e instanceof ConnectException) {
            kind = DeliveryFailure.Kind.CONNECTION_REFUSED;
        } else if (e instanceof NoRouteToHostException) {
            kind = DeliveryFailure.Kind.NO_ROUTE;
        } else if (e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException) {
            kind = DeliveryFailure.Kind.NOT_TRUSTED;
        } else if (e instanceof NoHttpResponseException || e instanceof ConnectionClosedException) {
            kind = DeliveryFailure.Kind.CONNECTION_CLOSED;
        } else if (e instanceof Ga4Transport.LocalFailure) {
            kind = DeliveryFailure.Kind.STOPPED;
            fact = masker.errorText(message);
        } else if (e instanceof SocketException || e instanceof SSLException || e instanceof InterruptedIOException) {
            kind = DeliveryFailure.Kind.NETWORK;
        } else {
            kind = DeliveryFailure.Kind.ANSWER_UNREADABLE;
            detail = e.getClass().getSimpleName() + " (its text is not shown: it may quote the answer)";
        }
        if (kind == DeliveryFailure.Kind.ADDRESS_REFUSED) {
            fact = masker.errorText(message);
        }
        return DeliveryFailure.of(kind, host(), fact).withDetail(detail);
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.valueOf(millis / 1000.0);
    }
}
