package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.report.ReportFields;
import org.systemmetrics.openfire.admin.SystemMetricsAdmin;
import org.systemmetrics.testing.LogCapture;

/**
 * The loaded plugin with the version record in its jar: a fresh installation stores the record's version as
 * announced and seen, in Openfire's database, and logs nothing more; an installation whose stored version is older
 * than the record's (an upgrade, simulated by storing a version before the first) is told once, holds the new
 * fields back under report: true, and sends them once the admin page's confirmation reached the database.
 */
class NewFieldsWiringTest {
    private static final String REPORT_TRUE = "services:\n  service_mongoose_system_metrics:\n    report: true\n"
            + "    initial_report: 60000\n    periodic_report: 60000\n";
    private static final String LATEST = ReportFields.load().latest();

    @RegisterExtension
    final LogCapture logs = new LogCapture();
    @RegisterExtension
    final PluginHarnessExtension plugin = new PluginHarnessExtension();

    private List<String> notices() {
        return logs.lines().stream().filter(l -> l.contains("this version of the plugin adds"))
                .collect(Collectors.toList());
    }

    @Test
    void aFreshInstallationStoresTheCurrentFieldsAsSeenAndSaysNothingMore() throws IOException {
        PluginHarness harness = plugin.yaml(REPORT_TRUE).start();
        harness.scheduler.advance(Duration.ofMinutes(1));

        assertThat(harness.server.properties())
                .containsEntry(SystemMetricsPlugin.FIELDS_ANNOUNCED_PROPERTY, LATEST)
                .containsEntry(SystemMetricsPlugin.FIELDS_SEEN_PROPERTY, LATEST);
        assertThat(notices()).isEmpty();
        assertThat(harness.plugin.admin().orElseThrow().facts().unseenFields).isEmpty();
        assertThat(Files.readString(harness.reportFile())).contains("\"cluster\"");
    }

    @Test
    void theStartOnOpenfiresPluginLoadingThreadDoesNoDatabaseWorkTheNoticeFollowsOnTheServiceThread() {
        PluginHarness harness = plugin.harness();
        harness.server.properties().put(SystemMetricsPlugin.FIELDS_ANNOUNCED_PROPERTY, "0.0.1");
        harness.server.properties().put(SystemMetricsPlugin.FIELDS_SEEN_PROPERTY, "0.0.1");
        plugin.yaml(REPORT_TRUE).start();

        // A locked ofProperty row would otherwise hold up Openfire's loading of every plugin after this one.
        assertThat(harness.server.storedReads()).as("reads of the database during initializePlugin").isZero();
        assertThat(notices()).isEmpty();

        harness.scheduler.runDue();
        assertThat(notices()).hasSize(1);
        assertThat(harness.server.storedReads()).isPositive();
    }

    @Test
    void afterAnUpgradeTheNoticeComesOnceAndTheNewFieldsWaitForTheAdministrator() throws IOException {
        PluginHarness harness = plugin.harness();
        harness.server.properties().put(SystemMetricsPlugin.FIELDS_ANNOUNCED_PROPERTY, "0.0.1");
        harness.server.properties().put(SystemMetricsPlugin.FIELDS_SEEN_PROPERTY, "0.0.1");
        plugin.yaml(REPORT_TRUE).start();
        harness.scheduler.runDue(); // the notice is the service thread's work

        assertThat(notices()).singleElement().asString().startsWith("WARN ")
                .contains("cluster.plugin_version (new in " + LATEST + ")")
                .contains("xmpp_stanza_count.increment (new in " + LATEST + ")");
        assertThat(harness.server.properties()).containsEntry(SystemMetricsPlugin.FIELDS_ANNOUNCED_PROPERTY, LATEST)
                .containsEntry(SystemMetricsPlugin.FIELDS_SEEN_PROPERTY, "0.0.1");
        harness.scheduler.advance(Duration.ofMinutes(1));
        assertThat(Files.readString(harness.reportFile())).doesNotContain("\"cluster\"");

        PluginHarness restarted = plugin.restart();
        restarted.scheduler.advance(Duration.ofMinutes(1));
        assertThat(notices()).hasSize(1);
        SystemMetricsAdmin admin = restarted.plugin.admin().orElseThrow();
        assertThat(admin.facts().unseenFields).containsKeys("cluster", "cluster.version", "xmpp_stanza_count");

        admin.confirmNewFields();
        assertThat(restarted.server.properties()).containsEntry(SystemMetricsPlugin.FIELDS_SEEN_PROPERTY, LATEST);
        restarted.scheduler.advance(Duration.ofMinutes(1));
        assertThat(Files.readString(restarted.reportFile())).contains("\"cluster\"").contains("\"plugin_version\"");
        assertThat(admin.facts().unseenFields).isEmpty();
    }
}
