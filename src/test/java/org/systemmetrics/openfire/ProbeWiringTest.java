package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.openfire.seam.OpenfireServer.StanzaSink.StanzaType;
import org.systemmetrics.testing.FakeOpenfireServer;

/** The plugin counts stanzas only while it is loaded, and its report carries every metric. */
class ProbeWiringTest {
    private static final String REPORT_EVERY_MINUTE = "services:\n  service_mongoose_system_metrics:\n    report: true\n"
            + "    initial_report: 60000\n    periodic_report: 60000\n";

    @TempDir
    Path home;

    @Test
    void theStanzaCounterIsRegisteredOnLoadAndRemovedOnUnloadEveryTime() {
        FakeOpenfireServer server = new FakeOpenfireServer(home);
        for (int round = 0; round < 3; round++) {
            try (PluginHarness harness = new PluginHarness(server, Map.of()).start()) {
                assertThat(harness.plugin.service()).isPresent();
                assertThat(server.stanzaSinkCount()).isEqualTo(1);
            }
            assertThat(server.stanzaSinkCount()).isZero();
        }
    }

    @Test
    void theReportFileHoldsEveryMetricAndStanzaIncrementsBetweenReports() throws IOException {
        try (PluginHarness harness = new PluginHarness(home).yaml(REPORT_EVERY_MINUTE).start()) {
            harness.server.route(StanzaType.IQ, true);
            harness.scheduler.advance(Duration.ofMinutes(1));
            harness.server.route(StanzaType.IQ, true);
            harness.server.route(StanzaType.IQ, true);
            harness.scheduler.advance(Duration.ofMinutes(1));

            JsonArray events = JsonParser.parseString(Files.readString(harness.reportFile())).getAsJsonObject()
                    .getAsJsonArray("events");
            List<String> names = new ArrayList<>();
            JsonObject iqIn = null;
            for (JsonElement element : events) {
                JsonObject event = element.getAsJsonObject();
                String name = event.get("name").getAsString();
                if (!names.contains(name)) {
                    names.add(name);
                }
                JsonObject params = event.getAsJsonObject("params");
                if (params.has("stanza_type") && params.get("stanza_type").getAsString().equals("iq_in")) {
                    iqIn = params;
                }
            }
            assertThat(names).containsExactly("cluster", "node", "custom_module_count", "backend", "transport", "http_api",
                    "internal_service", "xmpp_stanza_count");
            assertThat(iqIn).isNotNull();
            assertThat(iqIn.get("total").getAsLong()).isEqualTo(3);
            assertThat(iqIn.get("increment").getAsLong()).isEqualTo(2);
        }
    }

    @Test
    void nothingOfOursIsOnThePacketPathWhileReportingIsOff() {
        FakeOpenfireServer server = new FakeOpenfireServer(home);
        try (PluginHarness harness = new PluginHarness(server, Map.of())
                .yaml("services:\n  service_mongoose_system_metrics:\n    no_report: true\n").start()) {
            assertThat(server.stanzaSinkCount()).isZero();

            server.setProperty("systemmetrics.report", "true", false);
            harness.scheduler.runDue();
            assertThat(server.stanzaSinkCount()).isEqualTo(1);

            server.setProperty("systemmetrics.report", "false", false);
            harness.scheduler.runDue();
            assertThat(server.stanzaSinkCount()).isZero();
        }
        assertThat(server.stanzaSinkCount()).isZero();
    }

    @Test
    void aMistakenOptOutKeepsThePacketPathFreeToo() {
        FakeOpenfireServer server = new FakeOpenfireServer(home);
        try (PluginHarness harness = new PluginHarness(server, Map.of())
                .yaml("services:\n  service_mongoose_system_metrics:\n    no-report: true\n").start()) {
            assertThat(server.stanzaSinkCount()).isZero();
            assertThat(harness.plugin.service().orElseThrow().status().state())
                    .isEqualTo(org.systemmetrics.core.consent.ConsentDecision.State.OFF_OPT_OUT_UNCLEAR);
        }
    }
}
