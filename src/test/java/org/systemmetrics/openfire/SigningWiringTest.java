package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.testing.FakeOpenfireServer;

/**
 * The loaded plugin signs what it sends to the administrator's own endpoint with the cluster's installation key, at
 * the database's time, and <i>Forget this server</i> sends the signed erase request there and starts a new cluster ID.
 */
class SigningWiringTest {
    /** Far from this machine's clock: the signature's time must be the database's. */
    private static final Instant DATABASE_NOW = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path home;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private HttpServer collector;
    private SystemMetricsPlugin plugin;

    @BeforeEach
    void startCollector() throws Exception {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/reports", exchange -> {
            try (exchange) {
                Map<String, String> request = new ConcurrentHashMap<>();
                request.put("method", exchange.getRequestMethod());
                request.put("path", exchange.getRequestURI().getPath());
                request.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.getRequestHeaders().forEach((name, values) -> request.put(name.toLowerCase(), values.get(0)));
                received.add(request);
                exchange.sendResponseHeaders("DELETE".equals(request.get("method")) ? 200 : 204, -1);
            }
        });
        collector.start();
    }

    @AfterEach
    void stop() {
        if (plugin != null) {
            plugin.destroyPlugin();
        }
        collector.stop(0);
    }

    @Test
    void reportsAreSignedAtTheDatabasesTimeAndForgettingErasesThemAtTheEndpoint() throws Exception {
        Map<String, String> database = new ConcurrentHashMap<>();
        FakeOpenfireServer server = new FakeOpenfireServer(home, database).databaseClock(() -> DATABASE_NOW);
        String url = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/reports";
        Files.writeString(server.confDirectory().resolve("system_metrics.yml"), "services:\n"
                + "  service_mongoose_system_metrics:\n    report: true\n    initial_report: 3600000\n"
                + "    report_endpoint: " + url + "\n    report_endpoint_token: fleet-t0ken\n");
        plugin = PluginHarness.realTimePlugin(server);
        plugin.initializePlugin(null, server.pluginDirectory().toFile());

        plugin.admin().orElseThrow().sendNow();

        Map<String, String> report = received.get(0);
        assertThat(report.get("systemmetrics-timestamp")).isEqualTo(Long.toString(DATABASE_NOW.toEpochMilli()));
        assertThat(verifies(report.get("systemmetrics-key"), "systemmetrics-report-v1",
                report.get("systemmetrics-timestamp"), report.get("body"), report.get("systemmetrics-signature")))
                .isTrue();
        String fingerprint = database.get(SystemMetricsPlugin.INSTALLATION_KEY_PROPERTY);
        assertThat(fingerprint).matches("[0-9a-f]{32}");
        assertThat(server.storedProperty(SystemMetricsPlugin.INSTALLATION_KEY_PROPERTY + "." + fingerprint)).isPresent();
        String oldId = database.get(SystemMetricsPlugin.CLUSTER_ID_PROPERTY);

        Erasure.Result result = plugin.admin().orElseThrow().forget();

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.ERASED);
        Map<String, String> erase = received.get(1);
        assertThat(erase).containsEntry("method", "DELETE").containsEntry("path", "/v1/reports/" + oldId)
                .containsEntry("authorization", "Bearer fleet-t0ken").doesNotContainKey("systemmetrics-key");
        assertThat(verifies(report.get("systemmetrics-key"), "systemmetrics-erase-v1",
                erase.get("systemmetrics-timestamp"), oldId, erase.get("systemmetrics-signature"))).isTrue();
        assertThat(database.get(SystemMetricsPlugin.CLUSTER_ID_PROPERTY)).isNotEqualTo(oldId)
                .isEqualTo(result.newClusterId().orElseThrow());
        assertThat(database.get(SystemMetricsPlugin.INSTALLATION_KEY_PROPERTY)).isNotEqualTo(fingerprint);
        assertThat(plugin.admin().orElseThrow().facts().clusterId).contains(result.newClusterId().orElseThrow());
    }

    /** The rule of docs/collector.md ("Signatures"), written from that text. */
    private static boolean verifies(String key, String purpose, String timestamp, String content, String signature)
            throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(key))));
        verifier.update((purpose + "\n" + timestamp + "\n" + content).getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(signature));
    }
}
