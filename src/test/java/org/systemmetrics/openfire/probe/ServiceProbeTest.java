package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.testing.FakeOpenfireServer;

class ServiceProbeTest {
    private static OpenfireProbes probes(FakeOpenfireServer server) {
        return new OpenfireProbes(server, "0.1.0", Clock.systemUTC());
    }

    @TempDir
    Path home;

    @Test
    void everyServiceOnIncludingFileUploadFromItsPlugin() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).services("muc", "pubsub", "proxy65", "media_proxy")
                .plugins("httpfileupload", "1.4.0");

        assertThat(probes(server).internalServices(ReportContext.DEFAULT)).extracting(e -> e.params().get("service"))
                .containsExactly("muc", "pubsub", "proxy65", "media_proxy", "http_file_upload");
    }

    @Test
    void everythingSwitchedOff() {
        assertThat(probes(new FakeOpenfireServer(home).services()).internalServices(ReportContext.DEFAULT)).isEmpty();
    }
}
