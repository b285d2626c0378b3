package org.systemmetrics.core.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
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
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.core.text.Texts;

/**
 * Every destination's requests over HttpClient 5: certificates and host names always verified against the JVM's
 * trust store, the JVM's proxy settings, checked addresses, no redirect and no retry of its own ({@link Delivery}
 * retries within its budget).
 */
public final class HttpTransport implements AutoCloseable {
    private static final Texts TEXTS = Texts.of(HttpTransport.class);
    /** Validation answers are a few hundred bytes; anything longer is an error page we do not show. */
    private static final int MAX_RESPONSE_BYTES = 32 * 1024;
    /** Reports come hours apart; a pooled connection that old is likely dead, so it is not reused. */
    private static final TimeValue CONNECTION_TIME_TO_LIVE = TimeValue.ofMinutes(1);
    /** All destinations usually share one host: hanging requests to one property must not keep another waiting. */
    private static final int MAX_CONNECTIONS = 32;

    private final String userAgent;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Callable<SSLContext> tls;
    private final DnsResolver resolver;
    private CloseableHttpClient client;
    private boolean closed;

    /**
     * Tests trust their own certificate this way, and pretend with {@code resolver} that a name resolves to a metadata
     * address. The client is built at the first request: the JVM's default TLS context and HttpClient's classes
     * would cost Openfire's plugin start about 0.2 s, and a report is not due for minutes.
     */
    public HttpTransport(String userAgent, Duration connectTimeout, Duration responseTimeout, Callable<SSLContext> tls,
            DnsResolver resolver) {
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.responseTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.resolver = new CheckedDnsResolver(resolver);
    }

    private synchronized CloseableHttpClient client() throws IOException {
        if (closed) {
            throw new LocalFailure(TEXTS.get("stopped.unloading"), null);
        }
        if (client == null) {
            SSLContext sslContext;
            try {
                sslContext = tls.call();
            } catch (Exception e) {
                throw new LocalFailure(TEXTS.get("stopped.no_tls"), e);
            }
            client = HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setTlsSocketStrategy(new DefaultClientTlsStrategy(sslContext))
                            .setDefaultConnectionConfig(ConnectionConfig.custom()
                                    .setConnectTimeout(Timeout.of(connectTimeout))
                                    .setSocketTimeout(Timeout.of(responseTimeout))
                                    .setTimeToLive(CONNECTION_TIME_TO_LIVE)
                                    .build())
                            // The addresses checked are the ones connected to: a name cannot answer differently.
                            .setDnsResolver(resolver)
                            .setMaxConnPerRoute(MAX_CONNECTIONS)
                            .setMaxConnTotal(MAX_CONNECTIONS)
                            .build())
                    // No selector given: the JVM's default is looked up per request, so one installed later counts.
                    .setRoutePlanner(new SystemDefaultRoutePlanner((ProxySelector) null))
                    .setUserAgent(userAgent)
                    // A redirect would carry the API secret to another URL.
                    .disableAutomaticRetries()
                    .disableRedirectHandling()
                    .disableCookieManagement()
                    .disableAuthCaching()
                    .build();
        }
        return client;
    }

    /** {@code systemmetrics/<plugin> (Openfire/<server>)}, reduced to characters a header may carry. */
    public static String userAgent(String pluginVersion, String openfireVersion) {
        return PluginName.CANONICAL + "/" + token(pluginVersion) + " (Openfire/" + token(openfireVersion) + ")";
    }

    private static String token(String version) {
        String cleaned = version == null ? "" : version.trim().replaceAll("[^A-Za-z0-9._+-]", "_");
        return cleaned.isEmpty() ? "unknown" : cleaned;
    }

    /** A POST that waits for an answer at most {@code maxWait} (and never past the response timeout). */
    HttpUriRequestBase post(Post post, Duration maxWait) {
        HttpPost request = configured(new HttpPost(post.uri()), post.headers(), maxWait);
        request.setEntity(new ByteArrayEntity(post.body(), ContentType.APPLICATION_JSON));
        return request;
    }

    /** The own endpoint's erase request, with the same limits as a POST. */
    HttpUriRequestBase delete(URI uri, Map<String, String> headers, Duration maxWait) {
        return configured(new HttpDelete(uri), headers, maxWait);
    }

    private <R extends HttpUriRequestBase> R configured(R request, Map<String, String> headers, Duration maxWait) {
        headers.forEach(request::setHeader);
        Duration wait = waitFor(maxWait);
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait))
                .setConnectionRequestTimeout(Timeout.of(responseTimeout))
                .build());
        return request;
    }

    private Duration waitFor(Duration maxWait) {
        return maxWait.compareTo(responseTimeout) < 0 ? maxWait : responseTimeout;
    }

    /** What a call to {@code host} that failed with {@code e}, waiting at most {@code maxWait} for an answer, means. */
    DeliveryFailure failure(Exception e, String host, SecretMasker masker, Duration maxWait) {
        return DeliveryFailure.of(e, host, masker, connectTimeout, waitFor(maxWait));
    }

    /**
     * Reads at most {@value #MAX_RESPONSE_BYTES} bytes of the answer. A longer one is cut there and its connection
     * aborted: closing it normally would read an endless body to its end, and the answer would be lost to the budget.
     */
    Response execute(HttpUriRequestBase request) throws IOException {
        try {
            return client().execute(request, response -> {
                Header retryAfter = response.getFirstHeader("Retry-After");
                InputStream in = response.getEntity() == null ? InputStream.nullInputStream()
                        : response.getEntity().getContent();
                byte[] body = in.readNBytes(MAX_RESPONSE_BYTES);
                Response answer = new Response(response.getCode(), new String(body, StandardCharsets.UTF_8),
                        retryAfter == null ? null : retryAfter.getValue());
                if (body.length == MAX_RESPONSE_BYTES && in.read() >= 0) {
                    request.cancel();
                    throw new BodyCut(answer);
                }
                return answer;
            });
        } catch (BodyCut cut) {
            return cut.response;
        }
    }

    /** Aborts every request in flight and frees the connections; later requests fail at once. */
    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close(CloseMode.IMMEDIATE);
        }
    }

    /** What the server answered: status, the start of the body, and Retry-After (null when not given). */
    static final class Response {
        final int status;
        final String body;
        final String retryAfter;

        Response(int status, String body, String retryAfter) {
            this.status = status;
            this.body = body;
            this.retryAfter = retryAfter;
        }

        boolean successful() {
            return status >= 200 && status <= 299;
        }
    }

    /** A failure of this side, whose message is ours and may be shown. */
    static final class LocalFailure extends IOException {
        private static final long serialVersionUID = 1L;

        LocalFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Carries an answer out of HttpClient's handler past the connection it aborted; never seen outside. */
    private static final class BodyCut extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Response response;

        BodyCut(Response response) {
            this.response = response;
        }
    }
}
