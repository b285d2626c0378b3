package org.systemmetrics.core.delivery.ga4;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A stand-in for Google's Measurement Protocol endpoints on 127.0.0.1. It records every request and checks
 * it against GA's documented limits with its own, independent copy of the rules, so a test passes only if
 * our client never sends what Google would drop:
 * <ul>
 * <li>{@code /debug/mp/collect} answers 200 with {@code validationMessages}, as Google's validation server does;
 * <li>{@code /mp/collect} answers 204 when all is well and, unlike Google (which answers 2xx and drops the data
 *     silently), 400 with the problems and the request URI, so that a violation fails loudly and error texts
 *     carrying the API secret can be tested.
 * </ul>
 * Responses can be scripted per measurement ID: status codes, a hang, a garbage body.
 */
public final class FakeGoogle implements AutoCloseable {
    public static final String COLLECT = "/mp/collect";
    public static final String DEBUG = "/debug/mp/collect";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final Set<String> RESERVED_EVENTS = Set.of("ad_activeview", "ad_click", "ad_exposure", "ad_impression",
            "ad_query", "ad_reward", "adunit_exposure", "app_background", "app_clear_data", "app_exception",
            "app_install", "app_remove", "app_store_refund", "app_store_subscription_cancel",
            "app_store_subscription_convert", "app_store_subscription_renew", "app_update", "app_upgrade", "click",
            "dynamic_link_app_open", "dynamic_link_app_update", "dynamic_link_first_open", "error", "file_download",
            "first_open", "first_visit", "form_start", "form_submit", "in_app_purchase", "notification_dismiss",
            "notification_foreground", "notification_open", "notification_receive", "notification_send", "os_update",
            "page_view", "screen_view", "scroll", "session_start", "session_start_with_rollout", "user_engagement",
            "video_progress", "video_start", "view_search_results");

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Behaviour>> scripts = new HashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private FakeGoogle(HttpServer server) {
        this.server = server;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fake-google");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeGoogle http() throws IOException {
        return new FakeGoogle(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    public static FakeGoogle https(SSLContext serverContext) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        return new FakeGoogle(server);
    }

    public URI collectUrl() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + COLLECT);
    }

    /** What the next requests for this measurement ID get, in order; afterwards the normal answers. */
    public synchronized FakeGoogle script(String measurementId, Behaviour... behaviours) {
        scripts.computeIfAbsent(measurementId, id -> new ArrayDeque<>()).addAll(List.of(behaviours));
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(recorded);
    }

    public List<Recorded> requestsFor(String measurementId) {
        return recorded.stream().filter(r -> measurementId.equals(r.query().get("measurement_id"))).collect(
                Collectors.toList());
    }

    /** Lets hanging handlers go; called by close() too. */
    public void releaseHangs() {
        release.countDown();
    }

    @Override
    public void close() {
        releaseHangs();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String path = exchange.getRequestURI().getPath();
            List<Problem> problems = new ArrayList<>();
            if (!"POST".equals(exchange.getRequestMethod())) {
                problems.add(new Problem("", "only POST is accepted", "VALUE_INVALID"));
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.startsWith("application/json")) {
                problems.add(new Problem("", "Content-Type must be application/json", "VALUE_INVALID"));
            }
            if (query.getOrDefault("measurement_id", "").isEmpty() || query.getOrDefault("api_secret", "").isEmpty()) {
                problems.add(new Problem("", "measurement_id and api_secret are required", "VALUE_REQUIRED"));
            }
            problems.addAll(check(body));
            Recorded request = new Recorded(path, query, exchange.getRequestHeaders().getFirst("User-Agent"),
                    contentType, new String(body, StandardCharsets.UTF_8), body.length, problems, System.nanoTime());
            recorded.add(request);
            Behaviour behaviour = next(query.getOrDefault("measurement_id", ""));
            if (behaviour != null) {
                behaviour.respond(exchange, request, release);
                return;
            }
            if (DEBUG.equals(path)) {
                send(exchange, 200, validationMessages(problems));
            } else if (!problems.isEmpty()) {
                JsonObject answer = new JsonObject();
                answer.addProperty("uri", exchange.getRequestURI().toString());
                answer.add("problems", toJson(problems));
                send(exchange, 400, answer.toString());
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
        }
    }

    private synchronized Behaviour next(String measurementId) {
        Deque<Behaviour> script = scripts.get(measurementId);
        return script == null ? null : script.poll();
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String validationMessages(List<Problem> problems) {
        JsonObject answer = new JsonObject();
        answer.add("validationMessages", toJson(problems));
        return answer.toString();
    }

    private static JsonArray toJson(List<Problem> problems) {
        JsonArray array = new JsonArray();
        for (Problem problem : problems) {
            JsonObject message = new JsonObject();
            message.addProperty("fieldPath", problem.fieldPath);
            message.addProperty("description", problem.description);
            message.addProperty("validationCode", problem.code);
            array.add(message);
        }
        return array;
    }

    /** GA's documented limits, written out again here on purpose: the client's own rules are what is under test. */
    static List<Problem> check(byte[] body) {
        List<Problem> problems = new ArrayList<>();
        if (body.length >= 130_000) {
            problems.add(new Problem("", "the post body must be smaller than 130kB", "VALUE_OUT_OF_BOUNDS"));
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            problems.add(new Problem("", "the body is not JSON", "VALUE_INVALID"));
            return problems;
        }
        if (!root.isJsonObject()) {
            problems.add(new Problem("", "the body is not a JSON object", "VALUE_INVALID"));
            return problems;
        }
        JsonObject json = root.getAsJsonObject();
        if (!isNonEmptyString(json.get("client_id"))) {
            problems.add(new Problem("client_id", "client_id is required", "VALUE_REQUIRED"));
        }
        JsonElement consent = json.get("consent");
        if (consent == null || !consent.isJsonObject()
                || !"DENIED".equals(stringOrNull(consent.getAsJsonObject().get("ad_user_data")))
                || !"DENIED".equals(stringOrNull(consent.getAsJsonObject().get("ad_personalization")))) {
            problems.add(new Problem("consent", "both ad consents must be DENIED (our own rule)", "VALUE_INVALID"));
        }
        JsonElement events = json.get("events");
        if (events == null || !events.isJsonArray() || events.getAsJsonArray().size() == 0) {
            problems.add(new Problem("events", "at least one event is required", "VALUE_REQUIRED"));
            return problems;
        }
        JsonArray list = events.getAsJsonArray();
        if (list.size() > 25) {
            problems.add(new Problem("events", "a request can have at most 25 events, not " + list.size(),
                    "EXCEEDED_MAX_ENTITIES"));
        }
        for (int i = 0; i < list.size(); i++) {
            checkEvent(list.get(i), i, problems);
        }
        return problems;
    }

    private static void checkEvent(JsonElement element, int index, List<Problem> problems) {
        String where = "events[" + index + "]";
        if (!element.isJsonObject()) {
            problems.add(new Problem(where, "an event must be an object", "VALUE_INVALID"));
            return;
        }
        JsonObject event = element.getAsJsonObject();
        String name = stringOrNull(event.get("name"));
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new Problem(where + ".name", "Event at index: [" + index + "] has invalid name [" + name + "]",
                    "NAME_INVALID"));
        } else if (RESERVED_EVENTS.contains(name) || reservedPrefix(name)) {
            problems.add(new Problem(where + ".name", "Event at index: [" + index + "] has reserved name [" + name + "]",
                    "NAME_RESERVED"));
        }
        JsonElement params = event.get("params");
        if (params == null) {
            return;
        }
        if (!params.isJsonObject()) {
            problems.add(new Problem(where + ".params", "params must be an object", "VALUE_INVALID"));
            return;
        }
        Set<Map.Entry<String, JsonElement>> entries = params.getAsJsonObject().entrySet();
        if (entries.size() > 25) {
            problems.add(new Problem(where + ".params", "an event can have at most 25 params", "EXCEEDED_MAX_ENTITIES"));
        }
        for (Map.Entry<String, JsonElement> param : entries) {
            String key = param.getKey();
            String at = where + ".params." + key;
            if (!NAME.matcher(key).matches()) {
                problems.add(new Problem(at, "invalid param name [" + key + "]", "NAME_INVALID"));
            } else if (reservedPrefix(key)) {
                problems.add(new Problem(at, "reserved param name [" + key + "]", "NAME_RESERVED"));
            }
            JsonElement value = param.getValue();
            if (!value.isJsonPrimitive() || value.getAsJsonPrimitive().isBoolean()) {
                problems.add(new Problem(at, "Param [" + key + "] has unsupported value", "VALUE_INVALID"));
            } else if (value.getAsJsonPrimitive().isString() && value.getAsString().length() > 100) {
                problems.add(new Problem(at, "Param [" + key + "] value is longer than 100 characters",
                        "VALUE_OUT_OF_BOUNDS"));
            }
        }
    }

    private static boolean reservedPrefix(String name) {
        return name.startsWith("google_") || name.startsWith("ga_") || name.startsWith("firebase_");
    }

    private static boolean isNonEmptyString(JsonElement element) {
        String text = stringOrNull(element);
        return text != null && !text.isEmpty();
    }

    private static String stringOrNull(JsonElement element) {
        return element instanceof JsonPrimitive && ((JsonPrimitive) element).isString() ? element.getAsString() : null;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                values.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** One rule broken, in the validation server's terms. */
    public static final class Problem {
        final String fieldPath;
        final String description;
        final String code;

        Problem(String fieldPath, String description, String code) {
            this.fieldPath = fieldPath;
            this.description = description;
            this.code = code;
        }

        @Override
        public String toString() {
            return code + " " + fieldPath + ": " + description;
        }
    }

    /** One request as the stand-in saw it. */
    public static final class Recorded {
        private final String path;
        private final Map<String, String> query;
        private final String userAgent;
        private final String contentType;
        private final String body;
        private final int bodyBytes;
        private final List<Problem> problems;
        private final long arrivedNanos;

        Recorded(String path, Map<String, String> query, String userAgent, String contentType, String body, int bodyBytes,
                List<Problem> problems, long arrivedNanos) {
            this.path = path;
            this.query = Map.copyOf(query);
            this.userAgent = userAgent;
            this.contentType = contentType;
            this.body = body;
            this.bodyBytes = bodyBytes;
            this.problems = List.copyOf(problems);
            this.arrivedNanos = arrivedNanos;
        }

        public String path() {
            return path;
        }

        public Map<String, String> query() {
            return query;
        }

        public String userAgent() {
            return userAgent;
        }

        public String contentType() {
            return contentType;
        }

        public String body() {
            return body;
        }

        public int bodyBytes() {
            return bodyBytes;
        }

        public JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        public List<String> eventNames() {
            List<String> names = new ArrayList<>();
            json().getAsJsonArray("events").forEach(e -> names.add(e.getAsJsonObject().get("name").getAsString()));
            return names;
        }

        public List<Problem> problems() {
            return problems;
        }

        public long arrivedNanos() {
            return arrivedNanos;
        }
    }

    /** A scripted answer. */
    @FunctionalInterface
    public interface Behaviour {
        void respond(HttpExchange exchange, Recorded request, CountDownLatch release) throws IOException;

        static Behaviour status(int status) {
            return status(status, "", Map.of());
        }

        static Behaviour status(int status, String body, Map<String, String> headers) {
            return (exchange, request, release) -> {
                headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                if (status == 204) {
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    send(exchange, status, body);
                }
            };
        }

        /** Answers nothing until the test ends (or 10 s, a safety net). */
        static Behaviour hang() {
            return (exchange, request, release) -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }

        /** Waits until {@code latch} opens (at most 5 s), then answers {@code status}; says whether it opened. */
        static Behaviour afterLatch(CountDownLatch latch, int status, AtomicBoolean opened) {
            return (exchange, request, release) -> {
                try {
                    opened.set(latch.await(5, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, status, "{\"error\":\"scripted failure\"}");
            };
        }

        /** Opens {@code latch} and answers 204. */
        static Behaviour openLatchThen204(CountDownLatch latch) {
            return (exchange, request, release) -> {
                latch.countDown();
                exchange.sendResponseHeaders(204, -1);
            };
        }

        /**
         * Starts a 200 answer and never finishes it, sending a few bytes at a time: no read ever times out,
         * so only the client's overall budget can end the request. Stops when released or disconnected.
         */
        static Behaviour trickle() {
            return (exchange, request, release) -> {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    while (!release.await(20, TimeUnit.MILLISECONDS)) {
                        out.write("{\"validationMessages\":[".getBytes(StandardCharsets.UTF_8), 0, 8);
                        out.flush();
                    }
                } catch (IOException clientGone) {
                    // The client aborted: what the test wants.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }

        /**
         * Answers {@code status} with a body that never ends, written as fast as the client reads; counts the bytes
         * that went out. Stops when the client disconnects or the test ends.
         */
        static Behaviour endless(int status, AtomicLong bytesSent) {
            return (exchange, request, release) -> {
                exchange.sendResponseHeaders(status, 0);
                byte[] chunk = "{\"validationMessages\":[]}".repeat(2600).getBytes(StandardCharsets.UTF_8);
                try (OutputStream out = exchange.getResponseBody()) {
                    while (release.getCount() > 0) {
                        out.write(chunk);
                        bytesSent.addAndGet(chunk.length);
                    }
                } catch (IOException clientGone) {
                    // The client aborted: what the test wants.
                }
            };
        }

        static Behaviour garbage(int status) {
            return (exchange, request, release) -> send(exchange, status, "\u0000<html>not json at all{{{");
        }
    }
}
