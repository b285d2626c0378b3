package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.openfire.admin.SystemMetricsAdmin;

/** The last report the admin page shows and offers for download is our report file, never what a link points to. */
class LastReportFileTest {
    @TempDir
    Path home;

    @Test
    void aSymbolicLinkInPlaceOfTheReportFileIsNotFollowed() throws IOException {
        try (PluginHarness harness = new PluginHarness(home).start()) {
            SystemMetricsAdmin admin = harness.plugin.admin().orElseThrow();
            Path secret = harness.server.confDirectory().resolve("security.xml");
            Files.writeString(secret, "<security><secretKey>k3y</secretKey></security>");
            try {
                Files.createSymbolicLink(harness.reportFile(), secret);
            } catch (UnsupportedOperationException | IOException e) {
                assumeTrue(false, "this file system has no symbolic links");
            }

            assertThat(admin.lastReportFileJson()).isEmpty();

            Files.delete(harness.reportFile());
            Files.writeString(harness.reportFile(), "{\"client_id\": \"x\"}\n");
            assertThat(admin.lastReportFileJson()).contains("{\"client_id\": \"x\"}\n");
        }
    }
}
