package org.systemmetrics.core.delivery;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.text.MessageFormat;
import java.time.Duration;
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

/**
 * Why a report did not reach one destination, or could not be checked there: what kind of failure it was, in an
 * administrator's words, and apart from those words the technical detail (the exception's class and the network's
 * message) for the log. The one place where a cause becomes a text: the page translates the same {@link Kind#key()}.
 */
public final class DeliveryFailure {
    /**
     * Each kind's English text; {0} is the destination's host, {1} a fact of the kind (an HTTP status text, seconds,
     * a reason in our own words). The page's i18n files hold the same text under {@link #key()}.
     */
    public enum Kind {
        NAME_NOT_RESOLVED("could not reach {0}: the name could not be resolved. Is this server offline or behind a "
                + "proxy?"),
        CONNECTION_REFUSED("could not reach {0}: the connection was refused. Is the address right, and is the "
                + "service there running?"),
        NO_ROUTE("could not reach {0}: there is no network path to it. Is this server offline or behind a firewall?"),
        CONNECT_TIMED_OUT("could not reach {0}: no connection within {1} s. Is this server offline, or does a "
                + "firewall drop the traffic?"),
        NO_ANSWER_IN_TIME("no answer from {0} within {1} s"),
        CONNECTION_CLOSED("{0} closed the connection without answering"),
        NOT_TRUSTED("could not reach {0} securely: its TLS certificate is not trusted by this Java or not made out "
                + "to that name"),
        /** {1} is the address check's own words, which name the host and the rule. */
        ADDRESS_REFUSED("{1}"),
        NETWORK("could not reach {0}: the network connection failed"),
        CREDENTIALS_REFUSED("{0} refused the token or API secret ({1})"),
        BUSY("{0} is overloaded and asked to be tried later ({1})"),
        SERVER_FAILED("{0} failed with an error of its own ({1})"),
        REDIRECTED("{0} answered with a redirect, which is not followed, so that no secret goes elsewhere ({1})"),
        REFUSED("{0} refused the report ({1})"),
        ANSWER_UNREADABLE("the answer of {0} could not be read (its text is not shown)"),
        /** What was wrong with the answer is the detail, for the log. */
        CHECK_UNREADABLE("the answer of the validation server at {0} could not be read as a list of validation "
                + "messages"),
        NOTHING_TO_CHECK("nothing to validate: no event of this report is acceptable to Google Analytics"),
        /** Our side ended it: the time budget, the plugin unloading; {1} says which, in our own words. */
        STOPPED("{1}");

        private final String english;

        Kind(String english) {
            this.english = english;
        }

        public String key() {
            return "failure." + name().toLowerCase(Locale.ROOT);
        }

        /** The English text as a {@link MessageFormat} pattern, the same as the English i18n file's. */
        public String english() {
            return english;
        }
    }

    /** A text by its key, filled in with arguments: the page's i18n bundle, or the English texts held here. */
    @FunctionalInterface
    public interface Wording {
        String get(String key, Object... args);
    }

    private static final String TRIES_KEY = "failure.tries";
    private static final String PARTS_KEY = "failure.parts";
    /** The English texts of the page's keys that follow a kind's text. */
    public static final String TRIES = " (after {0} tries)";
    /** {0} requests in all, {1} the one that failed, {2} how many after it were not sent, {3} how many before it. */
    public static final String PARTS = ". This report went as {0} requests, since GA4 takes at most 25 events per "
            + "request: request {1} failed{2,choice,0#|1#, so the one after it was not sent|1<, so the {2} after it "
            + "were not sent}{3,choice,0#|1#; the one before it went through|1<; the {3} before it went through}";

    private final Kind kind;
    private final String host;
    private final String fact;
    private final int part;
    private final int parts;
    private final int tries;
    private final String detail;

    private DeliveryFailure(Kind kind, String host, String fact, int part, int parts, int tries, String detail) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.host = Objects.requireNonNull(host, "host");
        this.fact = fact == null ? "" : fact;
        this.part = part;
        this.parts = parts;
        this.tries = tries;
        this.detail = detail;
    }

    /** A failure at the first try of the report's only request; {@link #at} and {@link #afterTries} add the rest. */
    public static DeliveryFailure of(Kind kind, String host, String fact) {
        return new DeliveryFailure(kind, host, fact, 1, 1, 1, null);
    }

    /** An answer that is no success, by what it means for the administrator; the status text is from a fixed list. */
    static DeliveryFailure ofStatus(int status, String host) {
        Kind kind;
        if (status == 401 || status == 403) {
            kind = Kind.CREDENTIALS_REFUSED;
        } else if (status == 429) {
            kind = Kind.BUSY;
        } else if (status >= 500) {
            kind = Kind.SERVER_FAILED;
        } else if (status >= 300 && status < 400) {
            kind = Kind.REDIRECTED;
        } else {
            kind = Kind.REFUSED;
        }
        return of(kind, host, statusText(status));
    }

    /** {@code HTTP 401 Unauthorized}: the code and the standard English phrase for it, from a fixed list. */
    static String statusText(int status) {
        String phrase = status >= 100 && status < 600
                ? EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH) : null;
        return "HTTP " + status + (phrase == null ? "" : " " + phrase);
    }

    /** Certificate and host-name failures do not heal by themselves; everything else on the network may. */
    static boolean isRetryable(Exception e) {
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
    static DeliveryFailure of(Exception e, String host, SecretMasker masker, HttpTransport transport, Duration left) {
        String message = e.getMessage();
        String detail = masker.errorText(e.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message));
        Kind kind;
        String fact = "";
        if (e instanceof CheckedDnsResolver.RefusedAddressException) {
            kind = Kind.ADDRESS_REFUSED;
            fact = masker.errorText(message);
        } else if (e instanceof UnknownHostException) {
            kind = Kind.NAME_NOT_RESOLVED;
        } else if (e instanceof ConnectTimeoutException
                || e instanceof SocketTimeoutException && message != null && message.toLowerCase(Locale.ROOT).contains("connect")) {
            kind = Kind.CONNECT_TIMED_OUT;
            fact = seconds(transport.connectTimeout());
        } else if (e instanceof SocketTimeoutException) {
            kind = Kind.NO_ANSWER_IN_TIME;
            // The call waited no longer than the budget had left, as HttpTransport.newCall sets it.
            Duration waited = transport.responseTimeout();
            fact = seconds(left.compareTo(waited) < 0 ? left : waited);
        } else if (e instanceof ConnectException) {
            kind = Kind.CONNECTION_REFUSED;
        } else if (e instanceof NoRouteToHostException) {
            kind = Kind.NO_ROUTE;
        } else if (e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException) {
            kind = Kind.NOT_TRUSTED;
        } else if (e instanceof NoHttpResponseException || e instanceof ConnectionClosedException) {
            kind = Kind.CONNECTION_CLOSED;
        } else if (e instanceof HttpTransport.LocalFailure) {
            kind = Kind.STOPPED;
            fact = masker.errorText(message);
        } else if (e instanceof SocketException || e instanceof SSLException || e instanceof InterruptedIOException) {
            kind = Kind.NETWORK;
        } else {
            kind = Kind.ANSWER_UNREADABLE;
            detail = e.getClass().getSimpleName() + " (its text is not shown: it may quote the answer)";
        }
        return of(kind, host, fact).withDetail(detail);
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.valueOf(millis / 1000.0);
    }

    /** @param part which of the report's {@code parts} requests failed (1-based); the later ones were not sent */
    public DeliveryFailure at(int part, int parts) {
        return new DeliveryFailure(kind, host, fact, part, parts, tries, detail);
    }

    public DeliveryFailure afterTries(int tries) {
        return new DeliveryFailure(kind, host, fact, part, parts, tries, detail);
    }

    /** @param detail the exception's class and the network's message, already masked: for the log only */
    public DeliveryFailure withDetail(String detail) {
        return new DeliveryFailure(kind, host, fact, part, parts, tries, detail);
    }

    public Kind kind() {
        return kind;
    }

    /** Never a path, query or secret. */
    public String host() {
        return host;
    }

    /** The kind's own fact: an HTTP status text such as {@code HTTP 401 Unauthorized}, seconds, or our reason. */
    public String fact() {
        return fact;
    }

    /** 1-based. */
    public int part() {
        return part;
    }

    /** How many requests the report went as (GA4 takes at most 25 events per request); 1 for most reports. */
    public int parts() {
        return parts;
    }

    public int tries() {
        return tries;
    }

    /** The technical detail (exception class and message), for the log; never leading on the page. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** In English: for the log and the history's plain text. */
    public String text() {
        return text(DeliveryFailure::english);
    }

    /** The kind's text, then how many tries, then which request failed: put together here, for log and page alike. */
    public String text(Wording wording) {
        StringBuilder text = new StringBuilder(wording.get(kind.key(), host, fact));
        if (tries > 1) {
            text.append(wording.get(TRIES_KEY, tries));
        }
        if (parts > 1) {
            text.append(wording.get(PARTS_KEY, parts, part, parts - part, part - 1));
        }
        return text.toString();
    }

    private static String english(String key, Object... args) {
        String pattern = TRIES_KEY.equals(key) ? TRIES : PARTS_KEY.equals(key) ? PARTS
                : Kind.valueOf(key.substring("failure.".length()).toUpperCase(Locale.ROOT)).english();
        return MessageFormat.format(pattern, args);
    }

    @Override
    public String toString() {
        return text() + (detail == null ? "" : " (technical detail: " + detail + ")");
    }
}
