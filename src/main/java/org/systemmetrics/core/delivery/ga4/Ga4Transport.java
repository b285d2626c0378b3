package org.systemmetrics.core.delivery.ga4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTPS POSTs to Google Analytics with Apache HttpClient 5. Certificates are checked against the JVM's
 * trust store and host names verified, always; the JVM's proxy settings (https.proxyHost, ...) apply.
 * Nothing here retries or logs: that is {@link Ga4Sender}'s job, which knows the time budget.
 */
final class Ga4Transport implements AutoCloseable {
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    /** Validation answers are a few hundred bytes; anything longer is an error page we only quote from. */
    private static final int MAX_RESPONSE_BYTES = 32 * 1024;
    /** Reports come hours apart; a pooled connection that old is likely dead, so it is not reused. */
    private static final TimeValue CONNECTION_TIME_TO_LIVE = TimeValue.ofMinutes(1);
    private static final int MAX_CONNECTIONS = 32;

    /** Makes the TLS context; may fail when the JVM has none. */
    interface TlsContextSource {
        SSLContext get() throws NoSuchAlgorithmException;
    }

    private final String userAgent;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final TlsContextSource tls;
    private CloseableHttpClient client;
    private boolean closed;

    /** The production transport: the JVM's default trust store, default timeouts. */
    static Ga4Transport withJvmTrust(String userAgent) {
        return new Ga4Transport(userAgent, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT, SSLContext::getDefault);
    }

    // Visible for testing: tests trust their own certificate this way and use short timeouts.
    Ga4Transport(String userAgent, Duration connectTimeout, Duration responseTimeout, SSLContext sslContext) {
        this(userAgent, connectTimeout, responseTimeout, sslContextSource(sslContext));
    }

    private static TlsContextSource sslContextSource(SSLContext sslContext) {
        Objects.requireNonNull(sslContext, "sslContext");
        return () -> sslContext;
    }

    /**
     * The client is built on the first request, not here: the JVM's default TLS context (which reads every CA
     * certificate of the JDK) and HttpClient's classes cost Openfire's plugin start about 0.2 s, and a report
     * is not due for minutes.
     */
    private Ga4Transport(String userAgent, Duration connectTimeout, Duration responseTimeout, TlsContextSource tls) {
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.responseTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout");
        this.tls = tls;
    }

    private synchronized CloseableHttpClient client() throws IOException {
        if (closed) {
            throw new IOException("stopped: the plugin is unloading");
        }
        if (client == null) {
            SSLContext sslContext;
            try {
                sslContext = tls.get();
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("this JVM offers no default TLS context", e);
            }
            client = build(userAgent, connectTimeout, responseTimeout, sslContext);
        }
        return client;
    }

    private static CloseableHttpClient build(String userAgent, Duration connectTimeout, Duration responseTimeout,
            SSLContext sslContext) {
        ConnectionConfig connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(responseTimeout))
                .setTimeToLive(CONNECTION_TIME_TO_LIVE)
                .build();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(Objects.requireNonNull(sslContext, "sslContext")))
                        .setDefaultConnectionConfig(connectionConfig)
                        // All destinations usually share one host; a small per-route pool would let hanging
                        // requests to one property keep another waiting for a connection.
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .build())
                // No selector given: the JVM's default is looked up per request, so one installed later counts.
                .setRoutePlanner(new SystemDefaultRoutePlanner((ProxySelector) null))
                .setUserAgent(Objects.requireNonNull(userAgent, "userAgent"))
                // Retries are ours, counted against the report's budget. A redirect would carry the API
                // secret to another URL, so none is followed.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** {@code systemmetrics/<plugin> (Openfire/<server>)}, reduced to characters a header may carry. */
    static String userAgent(String pluginVersion, String openfireVersion) {
        return "systemmetrics/" + token(pluginVersion) + " (Openfire/" + token(openfireVersion) + ")";
    }

    private static String token(String version) {
        String cleaned = version == null ? "" : version.trim().replaceAll("[^A-Za-z0-9._+-]", "_");
        return cleaned.isEmpty() ? "unknown" : cleaned;
    }

    /** A POST ready to run; it waits for an answer at most {@code maxWait} (and never past the response timeout). */
    Call newCall(URI uri, byte[] body, Duration maxWait) {
        return newCall(uri, body, maxWait, Optional.empty());
    }

    /** @param bearerToken sent as {@code Authorization: Bearer <token>} when present (the administrator's endpoint) */
    Call newCall(URI uri, byte[] body, Duration maxWait, Optional<String> bearerToken) {
        HttpPost post = new HttpPost(uri);
        bearerToken.ifPresent(token -> post.setHeader("Authorization", "Bearer " + token));
        Duration wait = maxWait.compareTo(responseTimeout) < 0 ? maxWait : responseTimeout;
        post.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait))
                .setConnectionRequestTimeout(Timeout.of(responseTimeout))
                .setRedirectsEnabled(false)
                .build());
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        return new Call(post);
    }

    /** Aborts every request in flight and frees the connections; later calls fail at once. */
    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close(CloseMode.IMMEDIATE);
        }
    }

    /** One POST, which another thread may abort. */
    final class Call {
        private final HttpPost post;

        private Call(HttpPost post) {
            this.post = post;
        }

        Response execute() throws IOException {
            return client().execute(post, response -> new Response(response.getCode(), read(response.getEntity()),
                    Optional.ofNullable(response.getFirstHeader("Retry-After")).map(Header::getValue)));
        }

        void abort() {
            post.cancel();
        }
    }

    private static String read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while (out.size() < MAX_RESPONSE_BYTES && (n = in.read(buffer, 0, Math.min(buffer.length,
                    MAX_RESPONSE_BYTES - out.size()))) > 0) {
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** What the server answered: status, the start of the body, and Retry-After if given. */
    static final class Response {
        private final int status;
        private final String body;
        private final Optional<String> retryAfter;

        Response(int status, String body, Optional<String> retryAfter) {
            this.status = status;
            this.body = body;
            this.retryAfter = retryAfter;
        }

        int status() {
            return status;
        }

        String body() {
            return body;
        }

        Optional<String> retryAfter() {
            return retryAfter;
        }

        boolean successful() {
            return status >= 200 && status <= 299;
        }
    }
}
