package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.testing.FakeOpenfireServer;

class HttpApiProbeTest {
    private static OpenfireProbes probes(FakeOpenfireServer server) {
        return new OpenfireProbes(server, "0.1.0", Clock.systemUTC());
    }

    @TempDir
    Path home;

    private FakeOpenfireServer server() {
        return new FakeOpenfireServer(home).httpBind(false)
                .plugins("restapi", "1.12.0", "userservice", "2.4.0");
    }

    @Test
    void restPluginsInstalledButNotSwitchedOnOfferNoApi() {
        assertThat(probes(server()).httpApis(ReportContext.DEFAULT)).isEmpty();
    }

    @Test
    void restPluginsSwitchedOn() {
        FakeOpenfireServer server = server();
        server.setProperty("plugin.restapi.enabled", "true", false);
        server.setProperty("plugin.userservice.enabled", "true", false);

        assertThat(probes(server).httpApis(ReportContext.DEFAULT)).extracting(e -> e.params().get("api"))
                .containsExactly("rest_api", "user_service");
    }

    @Test
    void aLeftoverPropertyOfAnUninstalledPluginDoesNotCount() {
        FakeOpenfireServer server = server().plugins("admin", "");
        server.setProperty("plugin.restapi.enabled", "true", false);

        assertThat(probes(server).httpApis(ReportContext.DEFAULT)).isEmpty();
    }

    @Test
    void aRunningHttpBindServerOffersBoshAndWebSocket() {
        FakeOpenfireServer server = server().httpBind(true, "http");
        server.setProperty("plugin.restapi.enabled", "false", false);

        assertThat(probes(server).httpApis(ReportContext.DEFAULT)).extracting(e -> e.params().get("api"))
                .containsExactly("bosh", "websocket");
    }
}
