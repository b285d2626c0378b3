package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.HttpBindState;
import org.systemmetrics.openfire.seam.ListenerKind;
import org.systemmetrics.openfire.seam.ListenerState;
import org.systemmetrics.testing.FakeOpenfireServer;

class ListenerProbeTest {
    @TempDir
    Path home;

    @Test
    void everyEnabledListenerInOrderThenBoshAndWebSocket() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).listeners(
                new ListenerState(ListenerKind.CLIENT, false, true, "required"),
                new ListenerState(ListenerKind.CLIENT, true, true, "directTLS"),
                new ListenerState(ListenerKind.SERVER, false, true, "optional"),
                new ListenerState(ListenerKind.SERVER, true, true, "directTLS"),
                new ListenerState(ListenerKind.COMPONENT, false, true, "disabled"),
                new ListenerState(ListenerKind.COMPONENT, true, true, "directTLS"),
                new ListenerState(ListenerKind.CONNECTION_MANAGER, false, true, "optional"),
                new ListenerState(ListenerKind.CONNECTION_MANAGER, true, false, "directTLS"))
                .httpBind(new HttpBindState(true, true, true));

        assertThat(new ListenerProbe(server).collect(ReportContext.DEFAULT)).extracting(Event::params).containsExactly(
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
    void disabledListenersAndAStoppedHttpBindServerAreNotReported() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).listeners(
                new ListenerState(ListenerKind.CLIENT, false, true, "optional"),
                new ListenerState(ListenerKind.CLIENT, true, false, "directTLS"),
                new ListenerState(ListenerKind.SERVER, false, false, "optional"))
                .httpBind(HttpBindState.STOPPED);

        assertThat(new ListenerProbe(server).collect(ReportContext.DEFAULT)).extracting(e -> e.params().get("mechanism"))
                .containsExactly("c2s_tcp");
    }

    @Test
    void boshOverHttpsOnlyStillServesWebSocket() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).listeners()
                .httpBind(new HttpBindState(true, false, true));

        assertThat(new ListenerProbe(server).collect(ReportContext.DEFAULT)).extracting(e -> e.params().get("mechanism"))
                .containsExactly("bosh_tls", "websocket");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"disabled, disabled", "optional, optional", "required, required", "directTLS, direct",
        "legacyMode, direct"})
    void tlsPoliciesByOpenfiresConstantName(String openfireName, String reported) {
        assertThat(ListenerProbe.tlsPolicy(new ListenerState(ListenerKind.CLIENT, false, true, openfireName)))
                .isEqualTo(reported);
    }

    @Test
    void aPolicyNameWeDoNotKnowIsLeftOutRatherThanPassedOn() {
        FakeOpenfireServer server = new FakeOpenfireServer(home)
                .listeners(new ListenerState(ListenerKind.SERVER, false, true, "quantumSafe"))
                .httpBind(HttpBindState.STOPPED);

        assertThat(new ListenerProbe(server).collect(ReportContext.DEFAULT)).extracting(Event::params)
                .containsExactly(Map.of("mechanism", "s2s"));
    }
}
