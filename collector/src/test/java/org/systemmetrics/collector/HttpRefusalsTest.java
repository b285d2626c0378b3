package org.systemmetrics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.collector.testing.MutableClock;
import org.systemmetrics.collector.testing.Poll;
import org.systemmetrics.collector.testing.RunningCollector;
import org.systemmetrics.collector.testing.TestDatabases;

/**
 * What the HTTP server refuses before the collector's routes see it (HTTP it cannot read, a URI or headers too long,
 * a request while the collector shuts down) is answered in JSON like every other answer, as docs/collector.md says.
 */
class HttpRefusalsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    @TempDir
    Path dataDir;

    @Test
    void requestsTheHttpServerCannotTakeAreRefusedInJson() throws Exception {
        try (RunningCollector running = RunningCollector.start(TestDatabases.h2(dataDir), clock)) {
            int port = running.uri().getPort();
            assertJsonRefusal(answerTo(port, "GET /health HTTP/1.1\r\nHost: c\r\nno colon\r\n\r\n"), 400,
                    "bad_request");
            assertJsonRefusal(answerTo(port, "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: c\r\n\r\n"), 414,
                    "uri_too_long");
            assertJsonRefusal(answerTo(port, "GET / HTTP/1.1\r\nHost: c\r\nX-Big: " + "a".repeat(20_000)
                    + "\r\n\r\n"), 431, "request_header_fields_too_large");
            assertJsonRefusal(answerTo(port, "POST /v1/reports HTTP/1.1\r\nHost: c\r\nExpect: later\r\n"
                    + "Content-Length: 2\r\n\r\n{}"), 417, "expectation_failed");
        }
    }

    @Test
    void aRequestWhileTheCollectorShutsDownIsRefusedInJson() throws Exception {
        RunningCollector running = RunningCollector.start(RunningCollector.merge(TestDatabases.h2(dataDir),
                "shutdown_timeout_seconds", "10"), clock);
        int port = running.uri().getPort();
        try (Socket inFlight = new Socket("127.0.0.1", port); Socket open = new Socket("127.0.0.1", port)) {
            inFlight.setSoTimeout(15_000);
            open.setSoTimeout(15_000);
            assertThat(exchange(open, "GET /health HTTP/1.1\r\nHost: c\r\n\r\n")).startsWith("HTTP/1.1 200");
            // The 100 Continue says the collector is reading this report's body: the shutdown waits for it.
            assertThat(exchange(inFlight, "POST /v1/reports HTTP/1.1\r\nHost: c\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 2\r\n\r\n")).startsWith("HTTP/1.1 100");
            Thread closing = new Thread(running::close);
            closing.start();
            String[] refused = new String[1];
            Poll.until("a 503 on the open connection", Duration.ofSeconds(10), () -> {
                refused[0] = exchange(open, "DELETE /v1/reports/x HTTP/1.1\r\nHost: c\r\n\r\n");
                return refused[0].startsWith("HTTP/1.1 503");
            });
            assertJsonRefusal(refused[0], 503, "service_unavailable");
            inFlight.getOutputStream().write("{}".getBytes(StandardCharsets.US_ASCII));
            closing.join();
        } finally {
            running.close();
        }
    }

    private static void assertJsonRefusal(String answer, int status, String code) {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        String[] headAndBody = answer.split("\r\n\r\n", 2);
        assertThat(headAndBody[0].toLowerCase(Locale.ROOT)).contains("content-type: application/json");
        JsonObject body = JsonParser.parseString(headAndBody[1]).getAsJsonObject();
        assertThat(body.get("error").getAsString()).isEqualTo(code);
        assertThat(body.get("message").getAsString()).isNotBlank();
    }

    /** One request on a connection of its own; the server closes it after a refusal of this kind. */
    private static String answerTo(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            return exchange(socket, request);
        }
    }

    /** Sends a request and reads one answer: its head and as much body as its Content-Length says. */
    private static String exchange(Socket socket, String request) {
        try {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int next = in.read();
                if (next < 0) {
                    return head.toString();
                }
                head.append((char) next);
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
