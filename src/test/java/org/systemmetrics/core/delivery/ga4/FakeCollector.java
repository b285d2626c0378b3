package org.systemmetrics.core.delivery.ga4;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * An administrator's own report collector on 127.0.0.1 over HTTPS: it takes POSTs at {@value #PATH}, answers 401
 * to a request without the expected bearer token, 204 otherwise, unless a scripted answer comes first.
 *
 * <p>Signed requests are checked as docs/collector.md ("Signatures", "Erasure") states, written here from that text:
 * all three headers or none (400), the signature over purpose, timestamp and body (403), the first signed report
 * pins its key to the {@code client_id} (another key: 403; unsigned once pinned: 401), a report signed at or before
 * the last one is refused (409) unless it is the same request again (200 duplicate). {@code DELETE PATH/<client_id>}
 * erases an installation whose pinned key signed the request (200; 404 unknown; 403 not pinned or bad signature).
 */
final class FakeCollector implements AutoCloseable {
    static final String PATH = "/openfire/reports";

    /** What one request carried. */
    static final class Received {
        final String method;
        final String path;
        final String contentType;
        final String authorization;
        final String body;
        /** The signature headers it carried, by their names in docs/collector.md. */
        final Map<String, String> signature;

        Received(String method, String path, String contentType, String authorization, String body,
                Map<String, String> signature) {
            this.method = method;
            this.path = path;
            this.contentType = contentType;
            this.authorization = authorization;
            this.body = body;
            this.signature = signature;
        }
    }

    /** What the collector holds on one installation. */
    static final class Installation {
        String pinnedKey;
        long lastSignedAt = -1;
        String lastSignature;
        final List<String> reports = new CopyOnWriteArrayList<>();
    }

    private static final List<String> SIGNATURE_HEADERS = List.of("Systemmetrics-Key", "Systemmetrics-Timestamp",
            "Systemmetrics-Signature");
    private final Map<String, Installation> installations = new ConcurrentHashMap<>();

    /** A scripted answer. */
    interface Answer {
        void respond(HttpExchange exchange, CountDownLatch release) throws IOException;

        static Answer status(int status) {
            return (exchange, release) -> exchange.sendResponseHeaders(status, -1);
        }

        /** An error page that quotes the request's Authorization header back, as careless servers do. */
        static Answer echoingAuthorization(int status) {
            return (exchange, release) -> {
                byte[] body = ("collector-says-no: " + exchange.getRequestHeaders().getFirst("Authorization"))
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            };
        }

        /** An error page that quotes the Authorization header back in another form (encoded by {@code encoding}). */
        static Answer echoingAuthorization(int status, java.util.function.UnaryOperator<String> encoding) {
            return (exchange, release) -> {
                byte[] body = ("{\"error\": \"collector-says-no\", \"seen\": \""
                        + encoding.apply(exchange.getRequestHeaders().getFirst("Authorization")) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            };
        }

        static Answer redirectTo(String location) {
            return (exchange, release) -> {
                exchange.getResponseHeaders().set("Location", location);
                exchange.sendResponseHeaders(302, -1);
            };
        }

        /** Answers nothing until the test ends (10 s at most). */
        static Answer hang() {
            return (exchange, release) -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }
    }

    private final HttpsServer server;
    private final ExecutorService executor;
    private final String expectedToken;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final CountDownLatch release = new CountDownLatch(1);

    FakeCollector(SSLContext serverContext, String expectedToken) throws IOException {
        this.expectedToken = expectedToken;
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fake-collector");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    synchronized FakeCollector script(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** What it holds under {@code clientId}; empty when nothing (never reported, or erased). */
    Optional<Installation> installation(String clientId) {
        return Optional.ofNullable(installations.get(clientId));
    }

    private synchronized int take(String body, Map<String, String> signature) {
        String clientId = clientId(body);
        Installation installation = installations.computeIfAbsent(clientId, id -> new Installation());
        if (signature.isEmpty()) {
            if (installation.pinnedKey != null) {
                return 401;
            }
        } else {
            if (signature.size() != SIGNATURE_HEADERS.size()) {
                return 400;
            }
            String key = signature.get("Systemmetrics-Key");
            long at = Long.parseLong(signature.get("Systemmetrics-Timestamp"));
            if (!verifies(key, "systemmetrics-report-v1", at, body, signature.get("Systemmetrics-Signature"))) {
                return 403;
            }
            if (installation.pinnedKey != null && !installation.pinnedKey.equals(key)) {
                return 403;
            }
            if (at == installation.lastSignedAt && signature.get("Systemmetrics-Signature")
                    .equals(installation.lastSignature)) {
                return 200; // duplicate: the same request again, not counted again
            }
            if (at <= installation.lastSignedAt) {
                return 409;
            }
            installation.pinnedKey = key;
            installation.lastSignedAt = at;
            installation.lastSignature = signature.get("Systemmetrics-Signature");
        }
        installation.reports.add(body);
        return 204;
    }

    /** Another kind of destination may post something else than a report here: it is kept under "". */
    private static String clientId(String body) {
        try {
            return JsonParser.parseString(body).getAsJsonObject().get("client_id").getAsString();
        } catch (RuntimeException notAReport) {
            return "";
        }
    }

    private synchronized int erase(String path, Map<String, String> signature) {
        String clientId = path.substring(path.lastIndexOf('/') + 1);
        Installation installation = installations.get(clientId);
        if (!path.equals(PATH + "/" + clientId) || installation == null) {
            return 404;
        }
        if (installation.pinnedKey == null) {
            return 403;
        }
        if (!signature.containsKey("Systemmetrics-Timestamp") || !signature.containsKey("Systemmetrics-Signature")) {
            return 400;
        }
        long at = Long.parseLong(signature.get("Systemmetrics-Timestamp"));
        if (!verifies(installation.pinnedKey, "systemmetrics-erase-v1", at, clientId,
                signature.get("Systemmetrics-Signature")) || at <= installation.lastSignedAt) {
            return 403;
        }
        installations.remove(clientId);
        return 200;
    }

    private static boolean verifies(String key, String purpose, long at, String content, String signature) {
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key)));
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKey);
            verifier.update((purpose + "\n" + at + "\n" + content).getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Map<String, String> signature = new HashMap<>();
            for (String name : SIGNATURE_HEADERS) {
                Optional.ofNullable(exchange.getRequestHeaders().getFirst(name)).ifPresent(v -> signature.put(name, v));
            }
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), authorization, body, Map.copyOf(signature)));
            Answer answer;
            synchronized (this) {
                answer = script.poll();
            }
            if (answer != null) {
                answer.respond(exchange, release);
            } else if (!("Bearer " + expectedToken).equals(authorization)) {
                exchange.sendResponseHeaders(401, -1);
            } else if ("DELETE".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(erase(exchange.getRequestURI().getPath(), signature), -1);
            } else {
                exchange.sendResponseHeaders(take(body, signature), -1);
            }
        }
    }
}
