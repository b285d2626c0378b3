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
import java.util.Map;
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
 * Why a report did not reach one destination, or could not be checked there: its kind in an administrator's words
 * (the page translates the same {@link Kind#key()}), and apart from those words the technical detail for the log.
 */
public final class DeliveryFailure {
    /**
     * Each kind's English text, the same as the English i18n file's: {0} is the destination's host, {1} a fact of the
     * kind (an HTTP status text, seconds, a reason in our own words).
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

        /** A {@link MessageFormat} pattern. */
        public String english() {
            return english;
        }
    }

    /** A text by its key, filled in with arguments: the page's i18n bundle, or the English texts held here. */
    @FunctionalInterface
    public interface Wording {
        String get(String key, Object... args);
    }

    /** The English texts of the page's keys {@code failure.tries} and {@code failure.parts}, which follow a kind's. */
    public static final String TRIES = " (after {0} tries)";
    /** {0} requests in all, {1} the one that failed, {2} how many after it were not sent, {3} how many before it. */
    public static final String PARTS = ". This report went as {0} requests, since GA4 takes at most 25 events per "
            + "request: request {1} failed{2,choice,0#|1#, so the one after it was not sent|1<, so the {2} after it "
            + "were not sent}{3,choice,0#|1#; the one before it went through|1<; the {3} before it went through}";

    /**
     * The kind of a failed call by the class of its cause, looked up from the cause's own class up through its
     * superclasses, so the most specific entry wins (a refused address is an UnknownHostException, too). A cause
     * found nowhere is an answer we could not read.
     */
    private static final Map<Class<?>, Kind> BY_CAUSE = Map.ofEntries(
            Map.entry(CheckedDnsResolver.RefusedAddressException.class, Kind.ADDRESS_REFUSED),
            Map.entry(UnknownHostException.class, Kind.NAME_NOT_RESOLVED),
            Map.entry(ConnectTimeoutException.class, Kind.CONNECT_TIMED_OUT),
            Map.entry(SocketTimeoutException.class, Kind.NO_ANSWER_IN_TIME),
            Map.entry(ConnectException.class, Kind.CONNECTION_REFUSED),
            Map.entry(NoRouteToHostException.class, Kind.NO_ROUTE),
            Map.entry(SSLHandshakeException.class, Kind.NOT_TRUSTED),
            Map.entry(SSLPeerUnverifiedException.class, Kind.NOT_TRUSTED),
            Map.entry(NoHttpResponseException.class, Kind.CONNECTION_CLOSED),
            Map.entry(ConnectionClosedException.class, Kind.CONNECTION_CLOSED),
            Map.entry(HttpTransport.LocalFailure.class, Kind.STOPPED),
            Map.entry(SocketException.class, Kind.NETWORK),
            Map.entry(SSLException.class, Kind.NETWORK),
            Map.entry(InterruptedIOException.class, Kind.NETWORK));

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

    /** An answer that is no success, by what it means for the administrator. */
    static DeliveryFailure ofStatus(int status, String host) {
        Kind kind = status == 401 || status == 403 ? Kind.CREDENTIALS_REFUSED
                : status == 429 ? Kind.BUSY
                : status >= 500 ? Kind.SERVER_FAILED
                : status >= 300 && status < 400 ? Kind.REDIRECTED
                : Kind.REFUSED;
        // The code and its standard English phrase, from a fixed list: the endpoint's own reason phrase may echo a secret.
        String phrase = status >= 100 && status < 600
                ? EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH) : null;
        return of(kind, host, "HTTP " + status + (phrase == null ? "" : " " + phrase));
    }

    /** Certificate and address refusals do not heal by themselves; everything else on the network may. */
    static boolean isRetryable(Exception e) {
        Kind kind = kindOf(e);
        return e instanceof IOException && kind != Kind.NOT_TRUSTED && kind != Kind.ADDRESS_REFUSED;
    }

    /**
     * What a failed call means for the administrator; the detail keeps the network's own words for the log. An
     * unreadable answer's exception is named by its class only, since its message may quote the answer, and so a token.
     *
     * @param waited how long the call waited for an answer at most
     */
    static DeliveryFailure of(Exception e, String host, SecretMasker masker, Duration connectTimeout, Duration waited) {
        String message = e.getMessage();
        Kind kind = kindOf(e);
        String fact = "";
        if (kind == Kind.NO_ANSWER_IN_TIME && message != null && message.toLowerCase(Locale.ROOT).contains("connect")) {
            kind = Kind.CONNECT_TIMED_OUT;
        }
        if (kind == Kind.CONNECT_TIMED_OUT || kind == Kind.NO_ANSWER_IN_TIME) {
            long millis = (kind == Kind.CONNECT_TIMED_OUT ? connectTimeout : waited).toMillis();
            fact = millis % 1000 == 0 ? Long.toString(millis / 1000) : String.valueOf(millis / 1000.0);
        } else if (kind == Kind.ADDRESS_REFUSED || kind == Kind.STOPPED) {
            fact = masker.errorText(message);
        }
        String detail = kind == Kind.ANSWER_UNREADABLE
                ? e.getClass().getSimpleName() + " (its text is not shown: it may quote the answer)"
                : masker.errorText(e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message));
        return of(kind, host, fact).withDetail(detail);
    }

    private static Kind kindOf(Exception e) {
        for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
            Kind kind = BY_CAUSE.get(type);
            if (kind != null) {
                return kind;
            }
        }
        return Kind.ANSWER_UNREADABLE;
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

    /** E.g. {@code HTTP 401 Unauthorized}, seconds, or our reason. */
    public String fact() {
        return fact;
    }

    /** 1-based. */
    public int part() {
        return part;
    }

    /** How many requests the report went as (GA4 takes at most 25 events per request). */
    public int parts() {
        return parts;
    }

    public int tries() {
        return tries;
    }

    /** For the log only. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** In English: for the log and the history's plain text. */
    public String text() {
        return text((key, args) -> MessageFormat.format(key.equals("failure.tries") ? TRIES
                : key.equals("failure.parts") ? PARTS
                : Kind.valueOf(key.substring("failure.".length()).toUpperCase(Locale.ROOT)).english(), args));
    }

    /** The kind's text, then how many tries, then which request failed: put together here, for log and page alike. */
    public String text(Wording wording) {
        StringBuilder text = new StringBuilder(wording.get(kind.key(), host, fact));
        if (tries > 1) {
            text.append(wording.get("failure.tries", tries));
        }
        if (parts > 1) {
            text.append(wording.get("failure.parts", parts, part, parts - part, part - 1));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return text() + (detail == null ? "" : " (technical detail: " + detail + ")");
    }
}
