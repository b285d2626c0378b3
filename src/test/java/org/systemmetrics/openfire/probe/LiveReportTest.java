package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import java.io.File;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import ch.qos.logback.classic.Level;
import com.zebracorp.internal.ZebracorpAdminProvider;
import org.jivesoftware.openfire.Connection;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.cluster.ClusterNodeInfo;
import org.jivesoftware.openfire.group.GroupProvider;
import org.jivesoftware.openfire.session.ComponentSession;
import org.jivesoftware.openfire.spi.ConnectionListener;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportAssembler;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.core.report.ReportJson;
import org.systemmetrics.openfire.seam.LiveOpenfireServer;
import org.systemmetrics.testing.LogCapture;
import org.systemmetrics.testing.MockedOpenfire;

/** Whole reports built by every collector from the live seam over a (mocked) running Openfire. */
class LiveReportTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T06:00:00Z"), ZoneOffset.UTC);

    private MockedOpenfire openfire;
    private OpenfireProbes probes;
    private ReportAssembler assembler;

    @BeforeEach
    void startOpenfireAndPlugin() {
        openfire = new MockedOpenfire();
        openfire.plugin("admin", null).plugin("systemmetrics", "0.1.0").plugin("restapi", "1.12.0");
        probes = new OpenfireProbes(new LiveOpenfireServer(new File("/opt/openfire/plugins/systemmetrics")),
                "0.1.0", CLOCK);
        probes.stanzas().countStanzas(true); // as the service does while reporting is on
        assembler = new ReportAssembler(probes.collectors(), CLOCK);
    }

    @AfterEach
    void stop() {
        probes.stanzas().close();
        openfire.close();
    }

    private List<String> eventNames(Report report) {
        return report.events().stream().map(Event::name).distinct().collect(Collectors.toList());
    }

    @Test
    void aDefaultServerReportsEveryEvent() {
        Report report = assembler.assemble("client", ReportContext.DEFAULT);

        assertThat(eventNames(report)).containsExactly("cluster", "node", "module", "custom_module_count", "backend",
                "transport", "http_api", "internal_service", "xmpp_stanza_count");
        assertThat(report.events().get(0).params()).containsEntry("version", "5.1.1")
                .containsEntry("node_count", 1).containsEntry("database", "hsqldb").containsEntry("scope", "cluster");
        assertThat(report.events().get(1).params()).containsExactly(Map.entry("uptime_s", 21_600L),
                Map.entry("scope", "node"));
    }

    @Test
    void everyEventSaysWhetherItIsAboutTheClusterOrTheNodeThatBuiltTheReport() {
        Report report = assembler.assemble("client", ReportContext.DEFAULT);

        for (Event event : report.events()) {
            String expected = Set.of("node", "transport", "xmpp_stanza_count").contains(event.name()) ? "node" : "cluster";
            assertThat(event.params()).as(event.name()).containsEntry("scope", expected);
        }
    }

    @Test
    void aCollectorHittingAMissingMethodLosesOnlyItsEventsAndWarnsOnce() {
        when(openfire.connectionManager.getListener(any(), anyBoolean())).thenThrow(new NoSuchMethodError(
                "'org.jivesoftware.openfire.spi.ConnectionListener org.jivesoftware.openfire.spi.ConnectionManagerImpl"
                        + ".getListener(org.jivesoftware.openfire.spi.ConnectionType, boolean)'"));

        try (LogCapture logs = new LogCapture()) {
            Report first = assembler.assemble("client", ReportContext.DEFAULT);
            Report second = assembler.assemble("client", ReportContext.DEFAULT);

            assertThat(eventNames(first)).doesNotContain("transport").contains("cluster", "module",
                    "custom_module_count", "backend", "http_api", "internal_service", "xmpp_stanza_count");
            assertThat(eventNames(second)).isEqualTo(eventNames(first));
            assertThat(logs.at(Level.WARN)).singleElement().asString().contains("'transports'")
                    .contains("NoSuchMethodError").contains("ConnectionManagerImpl.getListener");
        }
    }

    @Test
    void nothingIdentifyingEverReachesTheReport() {
        when(openfire.info.getXMPPDomain()).thenReturn("zebracorp-xmpp.example");
        when(openfire.info.getHostname()).thenReturn("chat7.zebracorp.internal");
        openfire.cluster(3, true);
        for (ClusterNodeInfo node : ClusterManager.getNodesInfo()) {
            when(node.getHostName()).thenReturn("node.zebracorp.internal");
        }
        ConnectionListener c2s = openfire.listener(ConnectionType.SOCKET_C2S, false, true, Connection.TLSPolicy.required);
        when(c2s.getBindAddress()).thenReturn(MockedOpenfire.address("203.0.113.77"));
        when(openfire.httpBindManager.getHttpBindUnsecureAddress()).thenReturn("http://chat7.zebracorp.internal:7070/http-bind/");
        ComponentSession gateway = mock(ComponentSession.class,
                withSettings().name("gateway.zebracorp-xmpp.example (alice.zebra@zebracorp-xmpp.example)"));
        when(openfire.sessionManager.getComponentSessions()).thenReturn(List.of(gateway));
        openfire.plugin("zebracorp-billing", "3.1-zebracorp").plugin("monitoring", "2.6.1");
        openfire.adminProvider(new ZebracorpAdminProvider());
        when(openfire.groupManager.getProvider()).thenReturn(mock(GroupProvider.class,
                withSettings().name("zebra-admins group of alice.zebra")));

        String json = ReportJson.toPrettyJson(
                assembler.assemble("2f1f3f8e-2c36-4a43-9b59-1e2ea5f0c7a1", ReportContext.DEFAULT));

        String lower = json.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("zebra").doesNotContain("alice").doesNotContain("203.0.113")
                .doesNotContain("example").doesNotContain("chat7").doesNotContain("7070")
                .doesNotContain("com.").doesNotContain("jivesoftware").doesNotContain("@");
        assertThat(json).contains("\"component_count\": 1").contains("\"custom_module_count\"")
                .contains("\"backend\": \"custom\"").contains("\"module\": \"monitoring\"")
                .contains("\"version\": \"2.6.1\"");
    }
}
