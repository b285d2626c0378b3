package org.systemmetrics.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.realserver.RealOpenfire.Port;

/**
 * The plugin inside a real Openfire: what it writes and sends, checked against the server itself. One server
 * per Openfire version, reporting every few seconds to the local GA4 stand-in; an external component, a
 * customer's plugin, and the plain server-to-server listener switched off through its system property.
 */
@ParameterizedClass(name = "{0}", allowZeroInvocations = true)
@MethodSource("org.systemmetrics.realserver.OpenfireDistribution#found")
@ExtendWith(QuoteOpenfireLogOnFailure.class)
class ReportOnRealServerIT {
    static final String MEASUREMENT_ID = "G-REALSRV01";
    static final String SECRET = "component-secret-1";
    static final Duration REPORT_WAIT = Duration.ofSeconds(60);

    private static FakeGoogle google;
    private static RealOpenfire server;

    @Parameter
    OpenfireDistribution distribution;

    @BeforeParameterizedClassInvocation
    static void startServer(OpenfireDistribution distribution) throws IOException {
        google = FakeGoogle.http();
        Path work = Paths.get(System.getProperty("realserver.dir", "target/realserver"));
        server = RealOpenfire.builder(distribution, "report")
                .confFile("system_metrics.yml", yaml(google, 1000, 4000))
                .xmlProperty("xmpp.component.defaultSecret", SECRET)
                // A listener switched off through its system property must vanish from the report.
                .xmlProperty("xmpp.server.socket.active", "false")
                .plugin(CustomPluginJar.write(work.resolve("custom-plugin")))
                .start();
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        RealOpenfire.closeAll(server, google);
    }

    static String yaml(FakeGoogle google, long initialMillis, long periodicMillis) {
        return "services:\n"
                + "  service_mongoose_system_metrics:\n"
                + "    report: true\n"
                + "    initial_report: " + initialMillis + "\n"
                + "    periodic_report: " + periodicMillis + "\n"
                + "    tracking_id: {id: " + MEASUREMENT_ID + ", secret: real-api-secret}\n"
                + "    google_analytics_url: \"" + google.collectUrl() + "\"\n";
    }

    @Test
    void theReportFileAndTheGa4RequestsCarryTheSameValidEvents() {
        ReportFile report = ReportFile.awaitNewer(server, null, REPORT_WAIT);
        List<FakeGoogle.Recorded> requests = awaitRequestsOf(report);

        for (FakeGoogle.Recorded request : requests) {
            assertThat(request.problems()).as("what Google's validation would reject").isEmpty();
            assertThat(request.path()).isEqualTo(FakeGoogle.COLLECT);
            assertThat(request.query()).containsEntry("api_secret", "real-api-secret");
            assertThat(request.userAgent()).contains("Openfire/" + distribution.version());
            assertThat(request.json().get("client_id").getAsString()).isEqualTo(report.clientId());
        }
    }

    @Test
    void theClientIdIsOneRandomUuidKeptFromReportToReport() {
        ReportFile first = ReportFile.awaitNewer(server, null, REPORT_WAIT);
        ReportFile next = ReportFile.awaitNewer(server, first, REPORT_WAIT);

        assertThat(first.clientId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(next.clientId()).isEqualTo(first.clientId());
        assertThat(google.requestsFor(MEASUREMENT_ID)).extracting(r -> r.json().get("client_id").getAsString())
                .containsOnly(first.clientId());
    }

    @Test
    void theClusterEventNamesTheRunningOpenfireVersionAndItsSetUp() {
        JsonObject cluster = ReportFile.awaitNewer(server, null, REPORT_WAIT).only("cluster");

        assertThat(cluster.get("version").getAsString()).isEqualTo(distribution.version());
        assertThat(cluster.get("plugin_version").getAsString()).isEqualTo(System.getProperty("plugin.version"));
        assertThat(cluster.get("node_count").getAsInt()).isEqualTo(1);
        assertThat(cluster.get("database").getAsString()).isEqualTo("hsqldb");
        assertThat(cluster.get("config_type").getAsString()).isEqualTo("yaml");
    }

    @Test
    void aConnectedExternalComponentIsCounted() throws IOException {
        try (ExternalComponent component = ExternalComponent.connect(server, "counted", SECRET)) {
            ReportFile withComponent = ReportFile.await(server,
                    r -> r.only("cluster").get("component_count").getAsInt() == 1, REPORT_WAIT);
            assertThat(withComponent.text()).doesNotContain(component.domain()).doesNotContain("counted");
        }
        ReportFile.await(server, r -> r.only("cluster").get("component_count").getAsInt() == 0, REPORT_WAIT);
    }

    @Test
    void theTransportsAreTheListenersThatAcceptConnections() {
        ReportFile report = ReportFile.awaitNewer(server, null, REPORT_WAIT);
        Set<String> reported = new TreeSet<>();
        for (JsonObject transport : report.events("transport")) {
            JsonElement policy = transport.get("tls_policy");
            reported.add(transport.get("mechanism").getAsString() + (policy == null ? "" : "/" + policy.getAsString()));
        }

        Set<String> listening = new TreeSet<>();
        Map<Port, String> mechanisms = Map.of(Port.C2S, "c2s_tcp/", Port.C2S_DIRECT_TLS, "c2s_direct_tls/direct",
                Port.S2S, "s2s/", Port.S2S_DIRECT_TLS, "s2s_direct_tls/direct", Port.COMPONENT, "component/",
                Port.COMPONENT_DIRECT_TLS, "component/direct", Port.CONNECTION_MANAGER, "connection_manager/",
                Port.CONNECTION_MANAGER_DIRECT_TLS, "connection_manager/direct", Port.BOSH, "bosh", Port.BOSH_TLS,
                "bosh_tls");
        mechanisms.forEach((port, mechanism) -> {
            if (server.accepts(server.port(port))) {
                listening.add(mechanism);
            }
        });
        if (listening.contains("bosh") || listening.contains("bosh_tls")) {
            listening.add("websocket");
        }

        // The plain listeners' TLS policy is whatever this server has; the Direct TLS ones are always "direct".
        Set<String> reportedWithoutPolicy = new TreeSet<>();
        reported.forEach(t -> reportedWithoutPolicy.add(t.endsWith("/direct") || !t.contains("/") ? t
                : t.substring(0, t.indexOf('/') + 1)));
        assertThat(reportedWithoutPolicy).isEqualTo(listening);
        assertThat(listening).as("plain s2s switched off by xmpp.server.socket.active=false").doesNotContain("s2s/")
                .contains("c2s_tcp/", "s2s_direct_tls/direct");
    }

    @Test
    void servicesAndHttpApisAreWhatTheServerRuns() {
        // BOSH is on in a fresh Openfire but opens after the plugins, so the first report may predate it: compare with
        // a report made once it answers.
        Poll.until("the BOSH listener of " + server + " to answer", REPORT_WAIT,
                () -> server.accepts(server.port(Port.BOSH)), open -> open);
        ReportFile report = ReportFile.awaitNewer(server, ReportFile.read(server).orElse(null), REPORT_WAIT);
        List<String> services = new ArrayList<>();
        report.events("internal_service").forEach(e -> services.add(e.get("service").getAsString()));
        List<String> apis = new ArrayList<>();
        report.events("http_api").forEach(e -> apis.add(e.get("api").getAsString()));

        // Group chat and PubSub are on in a fresh Openfire; the file transfer proxy runs when its port is open.
        assertThat(services).contains("muc", "pubsub");
        assertThat(services.contains("proxy65")).isEqualTo(server.accepts(server.port(Port.FILE_TRANSFER_PROXY)));
        assertThat(apis).contains("bosh");
        assertThat(apis).doesNotContain("rest_api", "user_service"); // neither plugin is installed
    }

    @Test
    void aCustomersPluginIsCountedButNeverNamed() {
        ReportFile report = ReportFile.awaitNewer(server, null, REPORT_WAIT);

        assertThat(report.only("custom_module_count").get("value").getAsInt()).isEqualTo(1);
        assertThat(report.text()).doesNotContainIgnoringCase("zebracorp");
        List<FakeGoogle.Recorded> requests = awaitRequestsOf(report);
        assertThat(requests).allSatisfy(r -> assertThat(r.body()).doesNotContainIgnoringCase("zebracorp"));
    }

    @Test
    void neitherTheDomainNorAHostNameLeavesTheServer() {
        ReportFile report = ReportFile.awaitNewer(server, null, REPORT_WAIT);
        awaitRequestsOf(report);

        assertThat(report.text()).doesNotContain("realserver").doesNotContain("127.0.0.1");
        assertThat(google.requestsFor(MEASUREMENT_ID)).allSatisfy(r -> assertThat(r.body())
                .doesNotContain("realserver").doesNotContain("127.0.0.1"));
    }

    @Test
    void reportingLeavesNoTraceInOpenfireItself() {
        ReportFile report = ReportFile.awaitNewer(server, ReportFile.awaitNewer(server, null, REPORT_WAIT), REPORT_WAIT);

        // Openfire code running on our threads means a side effect of a report (a cache created, a manager started).
        assertThat(server.log()).doesNotContainPattern("\\[systemmetrics-[^\\]]*\\]: org\\.jivesoftware")
                .doesNotContainPattern("(WARN|ERROR) +\\[[^\\]]*\\]: org\\.systemmetrics");
        assertThat(report.events("backend")).anySatisfy(b -> {
            assertThat(b.get("kind").getAsString()).isEqualTo("lockout");
            assertThat(b.get("backend").getAsString()).isEqualTo("default");
        });
    }

    @Test
    void stanzaCountsMoveByExactlyTheMessagesRoutedThroughOpenfire() throws IOException {
        int messages = 7;
        try (ExternalComponent component = ExternalComponent.connect(server, "echo", SECRET)) {
            // Right after a report, so that all messages fall into the next period.
            ReportFile before = ReportFile.awaitNewer(server, ReportFile.awaitNewer(server, null, REPORT_WAIT),
                    REPORT_WAIT);
            component.messageItself(messages);
            component.awaitMessagesBack(messages, Duration.ofSeconds(30));
            ReportFile after = ReportFile.awaitNewer(server, before, REPORT_WAIT);

            assertThat(after.stanzas("message_in", "total") - before.stanzas("message_in", "total")).isEqualTo(messages);
            assertThat(after.stanzas("message_in", "increment")).isEqualTo(messages);
            assertThat(after.stanzas("message_out", "total") - before.stanzas("message_out", "total"))
                    .isEqualTo(messages);
            assertThat(after.stanzas("message_out", "increment")).isEqualTo(messages);

            List<FakeGoogle.Recorded> sent = awaitRequestsOf(after);
            JsonArray events = new JsonArray();
            sent.forEach(r -> r.json().getAsJsonArray("events").forEach(events::add));
            assertThat(events).isEqualTo(after.json().getAsJsonArray("events"));
        }
    }

    /**
     * The requests that carried this report: consecutive requests to our property whose events, joined, are the
     * file's events, in order (the plugin splits a report into requests of at most 25 events).
     */
    static List<FakeGoogle.Recorded> awaitRequestsOf(ReportFile report) {
        JsonArray wanted = report.json().getAsJsonArray("events");
        List<FakeGoogle.Recorded> all = Poll.until("requests at the GA4 stand-in that carry the report " + report,
                REPORT_WAIT, () -> google.requestsFor(MEASUREMENT_ID), sent -> carrying(wanted, sent).isPresent(),
                sent -> sent.size() + " requests: " + sent.stream().map(FakeGoogle.Recorded::body)
                        .collect(Collectors.joining("\n")));
        return carrying(wanted, all).orElseThrow();
    }

    private static Optional<List<FakeGoogle.Recorded>> carrying(JsonArray wanted, List<FakeGoogle.Recorded> all) {
        for (int start = 0; start < all.size(); start++) {
            JsonArray joined = new JsonArray();
            List<FakeGoogle.Recorded> group = new ArrayList<>();
            for (int i = start; i < all.size() && joined.size() < wanted.size(); i++) {
                group.add(all.get(i));
                all.get(i).json().getAsJsonArray("events").forEach(joined::add);
            }
            if (joined.equals(wanted)) {
                return Optional.of(group);
            }
        }
        return Optional.empty();
    }
}
