package org.systemmetrics.core.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.systemmetrics.core.PluginName;

/**
 * The POSTs of every destination, with Apache HttpClient 5. Certificates are checked against the JVM's trust store
 * and host names verified, always; the JVM's proxy settings (https.proxyHost, ...) apply; every address a name
 * resolves to is checked ({@link CheckedDnsResolver}). Nothing here retries or logs: that is {@link Sender}'s job,
 * which knows the time budget.
 */
public final class HttpTransport implements AutoCloseable {
    /** Validation answers are a few hundred bytes; anything longer is an error page we only quote from. */
    private static final int MAX_RESPONSE_BYTES = 32 * 1024;
    /** Reports come hours apart; a pooled connection that old is likely dead, so it is not reused. */
    private static final TimeValue CONNECTION_TIME_TO_LIVE = TimeValue.ofMinutes(1);
    private static final int MAX_CONNECTIONS = 32;

    /** May fail when the JVM has no TLS context. */
    @FunctionalInterface
    public interface TlsContextSource {
        SSLContext get() throws NoSuchAlgorithmException;
    }

    private final String userAgent;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final TlsContextSource tls;
    private final DnsResolver resolver;
    private CloseableHttpClient client;
    private boolean closed;

    /** The production transport: the JVM's default trust store, 5 s to connect, 10 s for an answer. */
    static HttpTransport withJvmTrust(String userAgent) {
        return new HttpTransport(userAgent, Duration.ofSeconds(5), Duration.ofSeconds(10), SSLContext::getDefault,
                SystemDefaultDnsResolver.INSTANCE);
    }

    /**
     * Tests trust their own certificate this way, use short timeouts, and pretend with {@code resolver} that a name
     * resolves to a metadata address. The client is built on the first request, not here: the JVM's default TLS
     * context (which reads every CA certificate of the JDK) and HttpClient's classes cost Openfire's plugin start
     * about 0.2 s, and a report is not due for minutes.
     */
    public HttpTransport(String userAgent, Duration connectTimeout, Duration responseTimeout, TlsContextSource tls,
            DnsResolver resolver) {
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.responseTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.resolver = new CheckedDnsResolver(resolver);
    }

    private synchronized CloseableHttpClient client() throws IOException {
        if (closed) {
            throw new LocalFailure("stopped: the plugin is unloading", null);
        }
        if (client == null) {
            try {
                client = build(tls.get());
            } catch (NoSuchAlgorithmException e) {
                throw new LocalFailure("this JVM offers no default TLS context", e);
            }
        }
        return client;
    }

    private CloseableHttpClient build(SSLContext sslContext) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(Objects.requireNonNull(sslContext, "sslContext")))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(responseTimeout))
                                .setTimeToLive(CONNECTION_TIME_TO_LIVE)
                                .build())
                        // Every address a name resolves to is checked at send time, and only those are connected to.
                        .setDnsResolver(resolver)
                        // All destinations usually share one host; a small per-route pool would let hanging
                        // requests to one property keep another waiting for a connection.
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .build())
                // No selector given: the JVM's default is looked up per request, so one installed later counts.
                .setRoutePlanner(new SystemDefaultRoutePlanner((ProxySelector) null))
                .setUserAgent(userAgent)
                // Retries are ours, counted against the report's budget. A redirect would carry the API
                // secret to another URL, so none is followed.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** {@code systemmetrics/<plugin> (Openfire/<server>)}, reduced to characters a header may carry. */
    public static String userAgent(String pluginVersion, String openfireVersion) {
        return PluginName.CANONICAL + "/" + token(pluginVersion) + " (Openfire/" + token(openfireVersion) + ")";
    }

    private static String token(String version) {
        String cleaned = version == null ? "" : version.trim().replaceAll("[^A-Za-z0-9._+-]", "_");
        return cleaned.isEmpty() ? "unknown" : cleaned;
    }

    /** A POST ready to run; it waits for an answer at most {@code maxWait} (and never past the response timeout). */
    Call newCall(Post request, Duration maxWait) {
        HttpPost post = new HttpPost(request.uri());
        post.setEntity(new ByteArrayEntity(request.body(), ContentType.APPLICATION_JSON));
        return new Call(configured(post, request.headers(), maxWait));
    }

    /** A DELETE without a body (the own endpoint's erase request), with the same limits as a POST. */
    Call newDelete(URI uri, Map<String, String> headers, Duration maxWait) {
        return new Call(configured(new HttpDelete(uri), headers, maxWait));
    }

    private HttpUriRequestBase configured(HttpUriRequestBase request, Map<String, String> headers, Duration maxWait) {
        headers.forEach(request::setHeader);
        Duration wait = maxWait.compareTo(responseTimeout) < 0 ? maxWait : responseTimeout;
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait))
                .setConnectionRequestTimeout(Timeout.of(responseTimeout))
                .setRedirectsEnabled(false)
                .build());
        return request;
    }

    /** Failure texts name the timeouts. */
    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration responseTimeout() {
        return responseTimeout;
    }

    /** Aborts every request in flight and frees the connections; later calls fail at once. */
    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close(CloseMode.IMMEDIATE);
        }
    }

    /** One request, which another thread may abort. */
    final class Call {
        private final HttpUriRequestBase post;

        private Call(HttpUriRequestBase post) {
            this.post = post;
        }

        /**
         * Reads at most {@value #MAX_RESPONSE_BYTES} bytes of the answer. A longer one is cut there and the connection
         * aborted: closing it normally would read the rest to the end, which for an endless body never comes, and a
         * 200 that has arrived would then be lost to the time budget.
         */
        Response execute() throws IOException {
            try {
                return client().execute(post, response -> {
                    Response answer = read(response);
                    if (answer.cut) {
                        post.cancel();
                        throw new BodyCut(answer);
                    }
                    return answer;
                });
            } catch (BodyCut cut) {
                return cut.response;
            }
        }

        void abort() {
            post.cancel();
        }
    }

    /** Not closed here: closing would drain what is left. */
    private static Response read(ClassicHttpResponse response) throws IOException {
        Optional<String> retryAfter = Optional.ofNullable(response.getFirstHeader("Retry-After")).map(Header::getValue);
        if (response.getEntity() == null) {
            return new Response(response.getCode(), "", retryAfter, false);
        }
        InputStream in = response.getEntity().getContent();
        byte[] body = in.readNBytes(MAX_RESPONSE_BYTES);
        boolean cut = body.length == MAX_RESPONSE_BYTES && in.read() >= 0;
        return new Response(response.getCode(), new String(body, StandardCharsets.UTF_8), retryAfter, cut);
    }

    /** A failure of this side, whose message is ours and may be shown. */
    static final class LocalFailure extends IOException {
        private static final long serialVersionUID = 1L;

        LocalFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Carries an answer out of HttpClient's handler past the connection it aborted. */
    private static final class BodyCut extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Response response;

        BodyCut(Response response) {
            super("response body longer than " + MAX_RESPONSE_BYTES + " bytes; cut", null);
            this.response = response;
        }
    }

    /** What the server answered: status, the start of the body, and Retry-After if given. */
    static final class Response {
        private final int status;
        private final String body;
        private final Optional<String> retryAfter;
        private final boolean cut;

        Response(int status, String body, Optional<String> retryAfter, boolean cut) {
            this.status = status;
            this.body = body;
            this.retryAfter = retryAfter;
            this.cut = cut;
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
