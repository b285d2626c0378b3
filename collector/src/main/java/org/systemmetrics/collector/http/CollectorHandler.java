package org.systemmetrics.collector.http;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.collector.ingest.IngestService;
import org.systemmetrics.collector.ingest.Rejection;
import org.systemmetrics.collector.ingest.SignedRequest;
import org.systemmetrics.collector.publish.AggregateCache;
import org.systemmetrics.collector.publish.DashboardPage;
import org.systemmetrics.collector.publish.FleetView;
import org.systemmetrics.collector.publish.PrometheusText;
import org.systemmetrics.collector.store.Database;
import org.systemmetrics.collector.store.InstallationStore;
import org.systemmetrics.collector.store.StoreUnavailable;

/**
 * The collector's HTTP surface (docs/collector.md lists it). Every refusal is a small JSON document
 * {@code {"error": code, "message": text}} with the status that says what to do: fix the request (4xx), wait
 * (429 and 503 with Retry-After), or retry later.
 */
public final class CollectorHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorHandler.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String REPORTS = "/v1/reports";
    private static final Duration DATABASE_RETRY = Duration.ofSeconds(30);
    private static final int DRAIN_FACTOR = 16;
    private static final int MAX_ADDRESS_LENGTH = 64;
    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final IngestService ingest;
    private final InstallationStore store;
    private final Database database;
    private final AggregateCache aggregates;
    private final DashboardPage dashboard;
    private final int maxBodyBytes;
    private final String clientAddressHeader;
    private final long retentionMillis;
    private final java.time.Clock clock;
    private final Map<String, byte[]> staticFiles = new ConcurrentHashMap<>();

    public CollectorHandler(IngestService ingest, InstallationStore store, Database database, AggregateCache aggregates,
            DashboardPage dashboard, int maxBodyBytes, String clientAddressHeader, Duration retention,
            java.time.Clock clock) {
        this.ingest = ingest;
        this.store = store;
        this.database = database;
        this.aggregates = aggregates;
        this.dashboard = dashboard;
        this.maxBodyBytes = maxBodyBytes;
        this.clientAddressHeader = clientAddressHeader;
        this.retentionMillis = retention.toMillis();
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        try {
            route(method, path, request, response, callback);
        } catch (Rejection rejection) {
            error(response, callback, rejection);
        } catch (StoreUnavailable e) {
            LOG.atWarn().addKeyValue("event", "database_unavailable").addKeyValue("path", path)
                    .addKeyValue("cause", String.valueOf(e.getCause())).log(e.getMessage());
            error(response, callback, new Rejection(503, "database_unavailable",
                    "the collector's database is unavailable; nothing was stored, try again later", DATABASE_RETRY));
        } catch (RuntimeException | IOException e) {
            LOG.atError().addKeyValue("event", "request_failed").addKeyValue("path", path).setCause(e)
                    .log("request failed");
            error(response, callback, new Rejection(500, "internal_error", "the collector failed; nothing was stored"));
        }
        return true;
    }

    private void route(String method, String path, Request request, Response response, Callback callback)
            throws Rejection, IOException {
        if (path.equals(REPORTS)) {
            requireMethod(method, "POST");
            postReport(request, response, callback);
        } else if (path.startsWith(REPORTS + "/")) {
            if (!method.equals("DELETE")) { // a POST here is a report sent to a report_endpoint with a trailing slash
                throw new Rejection(405, "method_not_allowed", "use DELETE to erase; a report is POSTed to " + REPORTS);
            }
            ingest.admitAddress(clientAddress(request));
            String clientId = path.substring(REPORTS.length() + 1);
            if (!ingest.erase(clientId, headers(request))) {
                throw new Rejection(404, "unknown_installation", "the collector holds nothing for this installation");
            }
            aggregates.invalidate();
            JsonObject answer = new JsonObject();
            answer.addProperty("status", "erased");
            send(response, callback, 200, JSON, answer.toString());
        } else if (path.equals("/health")) {
            requireMethod(method, "GET");
            boolean up = database.isUp();
            JsonObject health = new JsonObject();
            health.addProperty("status", up ? "up" : "down");
            health.addProperty("database", up ? "up" : "down");
            send(response, callback, up ? 200 : 503, JSON, health.toString());
        } else if (path.equals("/") || path.equals("/index.html")) {
            requireMethod(method, "GET");
            page(response);
            send(response, callback, 200, "text/html; charset=utf-8", dashboard.render(aggregates.get()));
        } else if (path.equals("/v1/aggregates")) {
            requireMethod(method, "GET");
            send(response, callback, 200, JSON, aggregates.get().toJson().toString());
        } else if (path.equals("/metrics")) {
            requireMethod(method, "GET");
            send(response, callback, 200, PrometheusText.CONTENT_TYPE, PrometheusText.render(aggregates.get()));
        } else if (path.equals("/v1/fleet")) {
            requireMethod(method, "GET");
            if (ingest.openIngestion()) { // not 401: its WWW-Authenticate would invite a token that cannot exist
                throw new Rejection(404, "not_found",
                        "this collector takes reports without a fleet token (open ingestion), so it has no fleets");
            }
            String fleet = ingest.fleetOf(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            if (fleet == null) { // error() adds WWW-Authenticate: Bearer
                throw new Rejection(401, "token_required", "the fleet page needs the fleet's token");
            }
            long cutoff = clock.millis() - retentionMillis;
            send(response, callback, 200, JSON, FleetView.toJson(fleet, store.fleet(fleet, cutoff)).toString());
        } else if (path.equals("/fleet")) {
            requireMethod(method, "GET");
            page(response);
            sendStatic(response, callback, "fleet.html");
        } else if (path.startsWith("/static/")) {
            requireMethod(method, "GET");
            sendStatic(response, callback, path.substring("/static/".length()));
        } else if (path.startsWith("/webjars/")) {
            requireMethod(method, "GET");
            sendResource(response, callback, "META-INF/resources" + path);
        } else {
            throw new Rejection(404, "not_found", "no such resource");
        }
    }

    private void postReport(Request request, Response response, Callback callback) throws Rejection, IOException {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            // Charged to the address first, so a stream of oversized uploads is rate-limited like any other. Either
            // refusal reads a moderately oversized body to its end before answering: a sender still uploading then
            // gets the 413 or 429 instead of a reset connection, which would lose the answer. A much larger one is cut
            // off with the connection.
            Rejection refusal;
            try {
                ingest.admitAddress(clientAddress(request));
                refusal = tooLarge();
            } catch (Rejection limited) {
                refusal = limited;
            }
            if (declared <= DRAIN_FACTOR * (long) maxBodyBytes) {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException | RuntimeException brokenOff) {
                    // The sender hung up mid-upload: its fault, answered as refused, never logged as our error.
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                }
            } else {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            throw refusal;
        }
        // The (capped) body is read before any other refusal, so that a refused request leaves nothing unread on a
        // connection the client may reuse; reading costs little next to checking a report.
        byte[] body = readBody(request, response);
        ingest.admitAddress(clientAddress(request));
        IngestService.Outcome outcome = ingest.ingest(body, headers(request));
        JsonObject answer = new JsonObject();
        answer.addProperty("status", outcome == IngestService.Outcome.STORED ? "stored" : "duplicate");
        send(response, callback, 200, JSON, answer.toString());
    }

    private Rejection tooLarge() {
        return new Rejection(413, "too_large", "a report is at most " + maxBodyBytes + " bytes");
    }

    /**
     * A body that breaks off (the sender hung up, a bad chunk, an idle timeout) is the sender's fault, not a bug of
     * the collector: answered 400 and logged at DEBUG only, so that broken clients cannot fill the log with errors.
     */
    private byte[] readBody(Request request, Response response) throws Rejection {
        try {
            return readAtMost(request, response, maxBodyBytes);
        } catch (IOException | RuntimeException e) {
            LOG.atDebug().addKeyValue("event", "body_unreadable").addKeyValue("cause", e.getClass().getSimpleName())
                    .log("a report's body could not be read to its end");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            throw new Rejection(400, "malformed", "the body could not be read to its end");
        }
    }

    private byte[] readAtMost(Request request, Response response, int limit) throws Rejection, IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                // As for a declared oversized body: drain a moderate rest so the 413 is read, else cut it off.
                byte[] buffer = new byte[8192];
                long drained = body.length;
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    drained += read;
                    if (drained > DRAIN_FACTOR * (long) limit) {
                        response.getHeaders().put(HttpHeader.CONNECTION, "close");
                        break;
                    }
                }
                throw tooLarge();
            }
            return body;
        }
    }

    private static IngestService.Headers headers(Request request) {
        var headers = request.getHeaders();
        return new IngestService.Headers(headers.get(HttpHeader.AUTHORIZATION), headers.get(SignedRequest.KEY_HEADER),
                headers.get(SignedRequest.TIMESTAMP_HEADER), headers.get(SignedRequest.SIGNATURE_HEADER));
    }

    /**
     * The peer's address, or the last address in a trusted proxy's header: the proxy appends the address it saw, and
     * anything before it is whatever the sender wrote, so taking the first would let each request pick its own
     * budget. Used for rate limits only, never stored.
     */
    private String clientAddress(Request request) {
        if (!clientAddressHeader.isEmpty()) {
            String forwarded = String.join(",", request.getHeaders().getValuesList(clientAddressHeader));
            String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
            if (!last.isEmpty()) {
                return last.length() <= MAX_ADDRESS_LENGTH ? last : last.substring(0, MAX_ADDRESS_LENGTH);
            }
        }
        return Request.getRemoteAddr(request);
    }

    private static void requireMethod(String method, String allowed) throws Rejection {
        if (!method.equals(allowed) && !(allowed.equals("GET") && method.equals("HEAD"))) {
            throw new Rejection(405, "method_not_allowed", "use " + allowed);
        }
    }

    private static void page(Response response) {
        response.getHeaders().put("Content-Security-Policy", PAGE_POLICY);
        response.getHeaders().put("Referrer-Policy", "no-referrer");
    }

    private void sendStatic(Response response, Callback callback, String name) throws Rejection {
        sendResource(response, callback, "org/systemmetrics/collector/static/" + name);
    }

    private void sendResource(Response response, Callback callback, String resource) throws Rejection {
        if (resource.contains("..") || resource.contains("//") || resource.endsWith("/")) {
            throw new Rejection(404, "not_found", "no such resource");
        }
        // Only files that exist are kept: remembering every path asked for would let a stream of made-up names
        // grow the map without bound.
        byte[] bytes = staticFiles.get(resource);
        if (bytes == null) {
            bytes = load(resource);
            if (bytes == null) {
                throw new Rejection(404, "not_found", "no such resource");
            }
            staticFiles.putIfAbsent(resource, bytes);
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=3600");
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType(resource));
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static byte[] load(String resource) {
        try (InputStream in = CollectorHandler.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String resource) {
        if (resource.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (resource.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (resource.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return resource.endsWith(".map") ? JSON : "application/octet-stream";
    }

    /**
     * Jetty's own refusals (HTTP it cannot read, a URI or headers too long, a request during shutdown) as the
     * server's error handler: JSON like every other answer, the status's name as the code, Jetty's reason as text
     * for what the sender got wrong; a failure of ours says no more than its status (its reason may name our code),
     * and a 500 is the {@code internal_error} the collector answers itself.
     */
    public static boolean jettyRefusal(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String name = HttpStatus.getMessage(status);
        Object reason = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        String code = status == 500 ? "internal_error" : name.toLowerCase(Locale.ROOT).replace(' ', '_');
        String message = reason == null || status >= 500 ? name : reason.toString();
        error(response, callback, new Rejection(status, code, message));
        return true;
    }

    private static void error(Response response, Callback callback, Rejection rejection) {
        rejection.retryAfter().ifPresent(wait -> response.getHeaders().put(HttpHeader.RETRY_AFTER,
                Long.toString(Math.max(1, wait.toSeconds()))));
        if (rejection.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        JsonObject body = new JsonObject();
        body.addProperty("error", rejection.code());
        body.addProperty("message", rejection.getMessage());
        send(response, callback, rejection.status(), JSON, body.toString());
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
