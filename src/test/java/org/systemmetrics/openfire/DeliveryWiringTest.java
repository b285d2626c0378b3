package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.testing.FakeOpenfireServer;
import org.systemmetrics.testing.LogCapture;

/** The plugin sends to the administrator's own GA4 property exactly what it writes to the report file. */
class DeliveryWiringTest {
    @TempDir
    Path home;

    private static String config(FakeGoogle google) {
        return "services:\n  service_mongoose_system_metrics:\n    report: true\n    initial_report: 60000\n"
                + "    tracking_id: {id: G-OWNPROP1, secret: never-shown-secret}\n"
                + "    google_analytics_url: " + google.collectUrl() + "\n";
    }

    @Test
    void theSeniorMemberSendsTheSameEventsAsTheFileHolds() throws Exception {
        try (FakeGoogle google = FakeGoogle.http(); LogCapture logs = new LogCapture();
                PluginHarness harness = new PluginHarness(home).yaml(config(google)).start()) {
            harness.scheduler.advance(Duration.ofMinutes(1));

            assertThat(google.requestsFor("G-OWNPROP1")).singleElement().satisfies(request -> {
                assertThat(request.problems()).isEmpty();
                JsonObject sent = request.json();
                JsonObject file = JsonParser.parseString(Files.readString(harness.reportFile())).getAsJsonObject();
                assertThat(sent.get("client_id")).isEqualTo(file.get("client_id"));
                assertThat(sent.getAsJsonArray("events").size()).isEqualTo(file.getAsJsonArray("events").size());
                assertThat(request.userAgent()).startsWith("systemmetrics/").contains("Openfire/5.1.1");
            });
            assertThat(harness.plugin.service().orElseThrow().status().lastOutcomes()).singleElement()
                    .satisfies(outcome -> assertThat(outcome.succeeded()).isTrue());
            assertThat(logs.all()).doesNotContain("never-shown-secret");
        }
    }

    @Test
    void otherClusterNodesWriteTheirFileButDoNotSend() throws Exception {
        Map<String, String> database = new ConcurrentHashMap<>();
        try (FakeGoogle google = FakeGoogle.http();
                PluginHarness senior = new PluginHarness(new FakeOpenfireServer(home.resolve("a"), database).cluster(2, true), Map.of());
                PluginHarness other = new PluginHarness(new FakeOpenfireServer(home.resolve("b"), database).cluster(2, false), Map.of())) {
            senior.yaml(config(google)).start();
            other.yaml(config(google)).start();
            senior.scheduler.advance(Duration.ofMinutes(1));
            other.scheduler.advance(Duration.ofMinutes(1));

            assertThat(senior.reportFile()).exists();
            assertThat(other.reportFile()).exists();
            assertThat(google.requests()).hasSize(1);
        }
    }

    @Test
    void anOrganisationsOwnCollectorGetsTheReportFileAndGoogleGetsNothing() throws Exception {
        java.util.List<String[]> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer collector = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/reports", exchange -> {
            try (exchange) {
                received.add(new String[] {exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)});
                exchange.sendResponseHeaders(204, -1);
            }
        });
        collector.start();
        String url = "http://127.0.0.1:" + collector.getAddress().getPort() + "/reports";
        try (FakeGoogle google = FakeGoogle.http(); LogCapture logs = new LogCapture();
                PluginHarness harness = new PluginHarness(home).erlang("{services, [{service_mongoose_system_metrics, "
                        + "[report, {initial_report, 60000}, {google_analytics_url, \"" + google.collectUrl() + "\"}, "
                        + "{report_endpoint, \"" + url + "\"}, {report_endpoint_token, \"fleet-t0ken\"}]}]}.").start()) {
            harness.scheduler.advance(Duration.ofMinutes(1));

            assertThat(received).singleElement().satisfies(request -> {
                assertThat(request[0]).isEqualTo("Bearer fleet-t0ken");
                assertThat(request[1]).isEqualTo(Files.readString(harness.reportFile()));
            });
            assertThat(google.requests()).isEmpty();
            assertThat(harness.plugin.service().orElseThrow().status().lastOutcomes()).singleElement()
                    .satisfies(outcome -> assertThat(outcome.destination()).isEqualTo("http://127.0.0.1"));
            assertThat(logs.all()).contains("report delivered to your endpoint http://127.0.0.1 ")
                    .doesNotContain("fleet-t0ken").doesNotContain(url).doesNotContain("/reports");
        } finally {
            collector.stop(0);
        }
    }
}
