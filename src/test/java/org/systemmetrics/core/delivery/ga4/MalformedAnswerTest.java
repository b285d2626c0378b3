package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.delivery.ga4.Fixtures.delivery;
import static org.systemmetrics.core.delivery.ga4.Fixtures.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.SecretBinding;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TestConfigs;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.testing.LogCapture;

/**
 * An endpoint that answers with a malformed status line or header quoting the token (percent-encoded, so the
 * masker's literal match would miss it) makes HttpClient's parser fail with a message that contains it: only the
 * exception's class is kept.
 */
class MalformedAnswerTest {
    private static final String TOKEN = "Fleet/Token+0123456789";

    @RegisterExtension
    final FakeGoogleExtension google = new FakeGoogleExtension();
    @RegisterExtension
    final LogCapture log = new LogCapture();
    private ServerSocket server;
    private Thread answering;

    @AfterEach
    void stop() throws Exception {
        server.close();
        answering.join(5000);
    }

    /** Reads the request's headers, then answers {@code answer} (with the Authorization header put in its place). */
    private URI answeringWith(String answer) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        answering = new Thread(() -> {
            while (!server.isClosed()) {
                answerOne(answer);
            }
        }, "malformed-answer");
        answering.setDaemon(true);
        answering.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/in");
    }

    private void answerOne(String answer) {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String authorization = "";
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.regionMatches(true, 0, "Authorization:", 0, 14)) {
                    authorization = line.substring(14).trim();
                }
            }
            String echoed = URLEncoder.encode(authorization, StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(answer.replace("{auth}", echoed).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // the test closed the socket
        }
    }

    private ServiceConfig endpoint(URI url) {
        return TestConfigs.console(ConsoleSettings.of(Map.of("report_endpoint", url.toString(),
                        "report_endpoint_token", SecretBinding.seal(TOKEN, url),
                        "google_analytics_url", google.collectUrl().toString())));
    }

    @Test
    void aMalformedHeaderQuotingTheTokenIsNamedByItsClassOnly() throws Exception {
        URI url = answeringWith("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n{auth} without a colon\r\n\r\n");
        TestDelivery delivery = google.open(delivery().time(new FakeTime()));

        DeliveryOutcome outcome = delivery.deliver(report(Event.named("cluster").param("v", "1").build()), endpoint(url))
                .get(0);

        String echoed = URLEncoder.encode("Bearer " + TOKEN, StandardCharsets.UTF_8);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.failure()).get().extracting(DeliveryFailure::kind)
                .isEqualTo(DeliveryFailure.Kind.ANSWER_UNREADABLE);
        assertThat(outcome.failure().flatMap(DeliveryFailure::detail)).get().asString()
                .doesNotContain("Fleet").doesNotContain("without a colon");
        assertThat(outcome.error()).get().asString().contains("could not be read (its text is not shown)")
                .doesNotContain("Fleet").doesNotContain("without a colon");
        assertThat(log.all()).doesNotContain(echoed).doesNotContain("Fleet").doesNotContain("without a colon");
    }
}
