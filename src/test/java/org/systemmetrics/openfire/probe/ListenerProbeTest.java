package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.testing.FakeOpenfireServer;

class ListenerProbeTest {
    private static OpenfireProbes probes(FakeOpenfireServer server) {
        return new OpenfireProbes(server, "0.1.0", Clock.systemUTC());
    }

    @TempDir
    Path home;

    @Test
    void everyEnabledListenerInOrderThenBoshAndWebSocket() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).listeners(
                "c2s", "required",
                "c2s_direct_tls", "directTLS",
                "s2s", "optional",
                "s2s_direct_tls", "directTLS",
                "component", "disabled",
                "component_direct_tls", "directTLS",
                "connection_manager", "optional")
                .httpBind(true, "http", "https");

        assertThat(probes(server).transports(ReportContext.DEFAULT)).extracting(Event::params).containsExactly(
                Map.of("mechanism", "c2s_tcp", "tls_policy", "required"),
                Map.of("mechanism", "c2s_direct_tls", "tls_policy", "direct"),
                Map.of("mechanism", "s2s", "tls_policy", "optional"),
                Map.of("mechanism", "s2s_direct_tls", "tls_policy", "direct"),
                Map.of("mechanism", "component", "tls_policy", "disabled"),
                Map.of("mechanism", "component", "tls_policy", "direct"),
                Map.of("mechanism", "connection_manager", "tls_policy", "optional"),
                Map.of("mechanism", "bosh"),
                Map.of("mechanism", "bosh_tls"),
                Map.of("mechanism", "websocket"));
    }

    @Test
    void aStoppedHttpBindServerIsNotReported() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).listeners("c2s", "optional").httpBind(false);

        assertThat(probes(server).transports(ReportContext.DEFAULT)).extracting(e -> e.params().get("mechanism"))
                .containsExactly("c2s_tcp");
    }

    @Test
    void boshOverHttpsOnlyStillServesWebSocket() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).listeners()
                .httpBind(true, "https");

        assertThat(probes(server).transports(ReportContext.DEFAULT)).extracting(e -> e.params().get("mechanism"))
                .containsExactly("bosh_tls", "websocket");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"disabled, disabled", "optional, optional", "required, required", "directTLS, direct"})
    void tlsPoliciesByOpenfiresConstantName(String openfireName, String reported) {
        FakeOpenfireServer server = new FakeOpenfireServer(home).listeners("s2s", openfireName).httpBind(false);

        assertThat(probes(server).transports(ReportContext.DEFAULT)).extracting(Event::params)
                .containsExactly(Map.of("mechanism", "s2s", "tls_policy", reported));
    }

    @Test
    void aPolicyNameWeDoNotKnowIsLeftOutRatherThanPassedOn() {
        FakeOpenfireServer server = new FakeOpenfireServer(home)
                .listeners("s2s", "quantumSafe")
                .httpBind(false);

        assertThat(probes(server).transports(ReportContext.DEFAULT)).extracting(Event::params)
                .containsExactly(Map.of("mechanism", "s2s"));
    }
}
