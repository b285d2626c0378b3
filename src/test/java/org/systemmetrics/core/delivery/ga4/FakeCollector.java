package org.systemmetrics.core.delivery.ga4;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * An administrator's own report collector on 127.0.0.1 over HTTPS: it takes POSTs at {@value #PATH}, answers 401
 * to a request without the expected bearer token, 204 otherwise, unless a scripted answer comes first.
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

        Received(String method, String path, String contentType, String authorization, String body) {
            this.method = method;
            this.path = path;
            this.contentType = contentType;
            this.authorization = authorization;
            this.body = body;
        }
    }

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
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), authorization, body));
            Answer answer;
            synchronized (this) {
                answer = script.poll();
            }
            if (answer != null) {
                answer.respond(exchange, release);
            } else if (!("Bearer " + expectedToken).equals(authorization)) {
                exchange.sendResponseHeaders(401, -1);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
        }
    }
}
