package org.systemmetrics.core.delivery;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.systemmetrics.core.text.Texts;

/**
 * Why a report did not reach one destination, or could not be checked there: its kind in an administrator's words
 * (the page translates the same {@link Kind#key()}), and apart from those words the technical detail for the log.
 */
public final class DeliveryFailure {
    private static final Texts TEXTS = Texts.of(DeliveryFailure.class);

    /**
     * Each kind's text is {@code failure.<kind>}, the same in this package's catalog and the page's English i18n
     * file: {0} is the destination's host, {1} a fact of the kind (an HTTP status text, seconds). A failed call is of
     * the kind that names its cause's class or nearest superclass, so the most specific wins (a refused address is an
     * UnknownHostException, too), except that a failed handshake is told by its own cause; a cause named by no kind is
     * an answer we could not read.
     */
    public enum Kind {
        NAME_NOT_RESOLVED(UnknownHostException.class),
        CONNECTION_REFUSED(ConnectException.class),
        NO_ROUTE(NoRouteToHostException.class),
        CONNECT_TIMED_OUT(ConnectTimeoutException.class),
        NO_ANSWER_IN_TIME(SocketTimeoutException.class),
        CONNECTION_CLOSED(NoHttpResponseException.class, ConnectionClosedException.class),
        NOT_TRUSTED(SSLHandshakeException.class, SSLPeerUnverifiedException.class),
        /** A handshake that failed on no certificate and was not hung up: no TLS version or cipher in common. */
        TLS_REFUSED,
        ADDRESS_REFUSED(CheckedDnsResolver.RefusedAddressException.class),
        NETWORK(SocketException.class, SSLException.class, InterruptedIOException.class),
        CREDENTIALS_REFUSED, BUSY, SERVER_FAILED, REDIRECTED, REFUSED, ANSWER_UNREADABLE, CHECK_UNREADABLE,
        NOTHING_TO_CHECK, NOTHING_ACCEPTABLE,
        /** Our side ended it: the time budget, the plugin unloading; its text says which. */
        STOPPED(HttpTransport.LocalFailure.class);

        private final Set<Class<?>> causes;

        Kind(Class<?>... causes) {
            this.causes = Set.of(causes);
        }

        public String key() {
            return "failure." + name().toLowerCase(Locale.ROOT);
        }

        /** Its text is its fact, in our own words: the address check's, or why our side stopped. */
        private boolean ownWords() {
            return this == ADDRESS_REFUSED || this == STOPPED;
        }
    }

    /** A single request that got no answer, and why: {@link Delivery#delete}'s, whose caller waits for it. */
    public static final class Unanswered extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient DeliveryFailure failure;

        public Unanswered(DeliveryFailure failure) {
            super(failure.toString());
            this.failure = failure;
        }

        public DeliveryFailure failure() {
            return failure;
        }
    }

    /** A text by its key, filled in with arguments: the page's i18n bundle, or this package's catalog. */
    @FunctionalInterface
    public interface Wording {
        String get(String key, Object... args);
    }

    private final Kind kind;
    private final String host;
    private final String fact;
    private final int part;
    private final int parts;
    private final int tries;
    private final String detail;
    private final boolean retryable;

    private DeliveryFailure(Kind kind, String host, String fact, int part, int parts, int tries, String detail,
            boolean retryable) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.host = Objects.requireNonNull(host, "host");
        this.fact = fact == null ? "" : fact;
        this.part = part;
        this.parts = parts;
        this.tries = tries;
        this.detail = detail;
        this.retryable = retryable;
    }

    /** A failure at the first try of the report's only request; {@link #at} and {@link #afterTries} add the rest. */
    public static DeliveryFailure of(Kind kind, String host, String fact) {
        return new DeliveryFailure(kind, host, fact, 1, 1, 1, null, false);
    }

    /** An answer that is no success, by what it means for the administrator; only 429 and 5xx may succeed later. */
    static DeliveryFailure ofStatus(int status, String host) {
        Kind kind = status == 401 || status == 403 ? Kind.CREDENTIALS_REFUSED
                : status == 429 ? Kind.BUSY
                : status >= 500 ? Kind.SERVER_FAILED
                : status >= 300 && status < 400 ? Kind.REDIRECTED
                : Kind.REFUSED;
        // The code and its standard English phrase: the endpoint's own reason phrase may echo a secret.
        String phrase = status >= 100 && status < 600
                ? EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH) : null;
        return new DeliveryFailure(kind, host, "HTTP " + status + (phrase == null ? "" : " " + phrase), 1, 1, 1, null,
                status == 429 || (status >= 500 && status <= 599));
    }

    /**
     * What a failed call, which {@code waited} at most for an answer, means; the detail keeps the network's own words
     * for the log, but only the class of an unreadable answer's exception, whose message may quote a token.
     * Certificate and address refusals, TLS settings not shared, and this side's own stop (no TLS in this JVM, the
     * plugin unloading), do not heal by themselves; everything else on the network may.
     */
    static DeliveryFailure of(Exception e, String host, SecretMasker masker, Duration connectTimeout, Duration waited) {
        String message = e.getMessage();
        Kind kind = kindOf(e);
        String fact = "";
        if (kind == Kind.NO_ANSWER_IN_TIME && message != null && message.toLowerCase(Locale.ROOT).contains("connect")) {
            kind = Kind.CONNECT_TIMED_OUT;
        }
        // A handshake is told by its cause: a certificate check refused the certificate; a peer that hung up (while
        // restarting, say) or did not answer in time (Java 11 wraps even that) may answer the next try; anything else
        // is a TLS setting the two sides do not share.
        if (e instanceof SSLHandshakeException && !causedBy(e, CertificateException.class,
                CertPathValidatorException.class, CertPathBuilderException.class)) {
            kind = causedBy(e, SocketTimeoutException.class) ? Kind.NO_ANSWER_IN_TIME
                    : causedBy(e, EOFException.class, SocketException.class) ? Kind.CONNECTION_CLOSED
                    : Kind.TLS_REFUSED;
        }
        if (kind == Kind.CONNECT_TIMED_OUT || kind == Kind.NO_ANSWER_IN_TIME) {
            long millis = (kind == Kind.CONNECT_TIMED_OUT ? connectTimeout : waited).toMillis();
            fact = millis % 1000 == 0 ? Long.toString(millis / 1000) : String.valueOf(millis / 1000.0);
        } else if (kind.ownWords()) {
            fact = masker.errorText(message);
        }
        String detail = kind == Kind.ANSWER_UNREADABLE
                ? TEXTS.get("detail.answer_unreadable", e.getClass().getSimpleName())
                : masker.errorText(e.getClass().getSimpleName()
                        + (message == null || message.isBlank() ? "" : ": " + message));
        return new DeliveryFailure(kind, host, fact, 1, 1, 1, detail,
                e instanceof IOException && kind != Kind.NOT_TRUSTED && kind != Kind.TLS_REFUSED && !kind.ownWords());
    }

    private static boolean causedBy(Throwable e, Class<?>... types) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            for (Class<?> type : types) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Kind kindOf(Exception e) {
        for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
            for (Kind kind : Kind.values()) {
                if (kind.causes.contains(type)) {
                    return kind;
                }
            }
        }
        return Kind.ANSWER_UNREADABLE;
    }

    /** @param part which of the report's {@code parts} requests failed (1-based); the later ones were not sent */
    public DeliveryFailure at(int part, int parts) {
        return new DeliveryFailure(kind, host, fact, part, parts, tries, detail, retryable);
    }

    public DeliveryFailure afterTries(int tries) {
        return new DeliveryFailure(kind, host, fact, part, parts, tries, detail, retryable);
    }

    /** @param detail the exception's class and the network's message, already masked: for the log only */
    public DeliveryFailure withDetail(String detail) {
        return new DeliveryFailure(kind, host, fact, part, parts, tries, detail, retryable);
    }

    /** The same request may succeed later. */
    public boolean retryable() {
        return retryable;
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

    public int part() {
        return part;
    }

    public int parts() {
        return parts;
    }

    public int tries() {
        return tries;
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** In English: for the log and the history's plain text. */
    public String text() {
        return text(TEXTS::get);
    }

    /** The kind's text, then how many tries, then which request failed: put together here, for log and page alike. */
    public String text(Wording wording) {
        StringBuilder text = new StringBuilder(kind.ownWords() ? fact : wording.get(kind.key(), host, fact));
        if (tries > 1) {
            text.append(wording.get("failure.tries", tries));
        }
        if (parts > 1) {
            int after = parts - part;
            int before = part - 1;
            text.append(wording.get("failure.parts", parts, part));
            // An unreadable check stops nothing: the requests after it are sent all the same.
            if (after > 0 && kind != Kind.CHECK_UNREADABLE) {
                text.append(after == 1 ? wording.get("failure.parts.after_one")
                        : wording.get("failure.parts.after_many", after));
            }
            if (before > 0) {
                text.append(before == 1 ? wording.get("failure.parts.before_one")
                        : wording.get("failure.parts.before_many", before));
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return detail == null ? text() : TEXTS.get("detail.shown", text(), detail);
    }
}
