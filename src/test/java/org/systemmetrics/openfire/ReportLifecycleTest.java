package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.SystemMetricsService;
import org.systemmetrics.openfire.seam.SystemPropertyRegistrar;
import org.systemmetrics.testing.LogCapture;

/** Timers, the report file, the cluster ID and run-time configuration changes, seen from outside the plugin. */
class ReportLifecycleTest {
    private static final String REPORT_EVERY_MINUTE = "services:\n  service_mongoose_system_metrics:\n    report: true\n"
            + "    initial_report: 120000\n    periodic_report: 60000\n";

    @RegisterExtension
    final LogCapture logs = new LogCapture();
    @RegisterExtension
    final PluginHarnessExtension plugin = new PluginHarnessExtension();

    private JsonObject report() throws IOException {
        return JsonParser.parseString(Files.readString(plugin.harness().reportFile())).getAsJsonObject();
    }

    @Test
    void theFirstReportComesAfterInitialReportThenOneEveryPeriodicReport() throws IOException {
        PluginHarness harness = plugin.yaml(REPORT_EVERY_MINUTE).start();

        harness.scheduler.advance(Duration.ofMillis(119_999));
        assertThat(harness.reportFile()).doesNotExist();
        harness.scheduler.advance(Duration.ofMillis(1));
        assertThat(harness.reportFile()).exists();
        assertThat(report().get("generated_at").getAsString()).isEqualTo("2026-01-01T00:02:00Z");

        harness.scheduler.advance(Duration.ofSeconds(59));
        assertThat(report().get("generated_at").getAsString()).isEqualTo("2026-01-01T00:02:00Z");
        harness.scheduler.advance(Duration.ofSeconds(1));
        assertThat(report().get("generated_at").getAsString()).isEqualTo("2026-01-01T00:03:00Z");
        harness.scheduler.advance(Duration.ofMinutes(10));
        assertThat(report().get("generated_at").getAsString()).isEqualTo("2026-01-01T00:13:00Z");
    }

    @Test
    void theReportFileIsPrettyJsonWithTheClusterEvent() throws IOException {
        PluginHarness harness = plugin.yaml(REPORT_EVERY_MINUTE);
        harness.server.version("4.9.2").cluster(3, true);
        harness.start();
        harness.scheduler.advance(Duration.ofMinutes(2));

        String text = Files.readString(harness.reportFile());
        assertThat(text).contains("\n  \"events\": [");
        JsonObject json = report();
        assertThat(UUID.fromString(json.get("client_id").getAsString()).version()).isEqualTo(4);
        JsonObject cluster = json.getAsJsonArray("events").get(0).getAsJsonObject();
        assertThat(cluster.get("name").getAsString()).isEqualTo("cluster");
        JsonObject params = cluster.getAsJsonObject("params");
        assertThat(params.get("version").getAsString()).isEqualTo("4.9.2");
        assertThat(params.get("node_count").getAsInt()).isEqualTo(3);
        assertThat(params.get("plugin_version").getAsString()).isNotBlank();
        assertThat(params.get("config_type").getAsString()).isEqualTo("yaml");
        try (var leftovers = Files.list(harness.server.logsDirectory())) {
            assertThat(leftovers).containsExactly(harness.reportFile());
        }
    }

    @Test
    void theClusterIdIsCreatedOnceAndSurvivesRestartsAndReinstalls() throws IOException {
        PluginHarness harness = plugin.yaml(REPORT_EVERY_MINUTE).start();
        harness.scheduler.advance(Duration.ofMinutes(2));
        String first = report().get("client_id").getAsString();
        assertThat(harness.server.properties()).containsEntry(SystemMetricsPlugin.CLUSTER_ID_PROPERTY, first);

        harness = plugin.restart();
        harness.scheduler.advance(Duration.ofMinutes(2));

        assertThat(report().get("client_id").getAsString()).isEqualTo(first);
    }

    @Test
    void editingTheFileAppliesWithoutRestart() throws IOException {
        PluginHarness harness = plugin.yaml(REPORT_EVERY_MINUTE).start();
        harness.scheduler.advance(Duration.ofMinutes(2));
        assertThat(harness.reportFile()).exists();
        Files.delete(harness.reportFile());

        harness.yaml("services:\n  service_mongoose_system_metrics:\n    no_report: true\n");
        touch(harness.server.confDirectory().resolve("system_metrics.yml"));
        harness.scheduler.advance(SystemMetricsService.CONFIG_CHECK_INTERVAL);
        harness.scheduler.advance(Duration.ofHours(1));
        assertThat(harness.reportFile()).doesNotExist();

        harness.yaml(REPORT_EVERY_MINUTE);
        touch(harness.server.confDirectory().resolve("system_metrics.yml"));
        harness.scheduler.advance(SystemMetricsService.CONFIG_CHECK_INTERVAL);
        harness.scheduler.advance(Duration.ofMinutes(2));
        assertThat(harness.reportFile()).exists();
        assertThat(logs.all()).contains("configuration file changed");
    }

    @Test
    void aConsoleSettingAppliesAtOnceWithoutRestart() {
        PluginHarness harness = plugin.yaml(REPORT_EVERY_MINUTE).start();

        harness.server.setProperty(SystemPropertyRegistrar.propertyName("report"), "false", false);
        harness.scheduler.runDue();
        harness.scheduler.advance(Duration.ofHours(1));
        assertThat(harness.reportFile()).doesNotExist();
        assertThat(harness.plugin.service().orElseThrow().status().nextReportAt()).isEmpty();

        harness.server.deleteProperty(SystemPropertyRegistrar.propertyName("report"));
        harness.scheduler.runDue();
        assertThat(harness.plugin.service().orElseThrow().status().nextReportAt())
                .contains(harness.scheduler.now().plus(Duration.ofMinutes(2)));
    }

    @Test
    void changingThePeriodReschedulesTheNextReportFromTheLastOne() {
        PluginHarness harness = plugin.yaml(REPORT_EVERY_MINUTE).start();
        harness.scheduler.advance(Duration.ofMinutes(2));
        Instant lastRun = harness.scheduler.now();

        harness.server.setProperty(SystemPropertyRegistrar.propertyName("periodic_report"), "600000", false);
        harness.scheduler.runDue();

        assertThat(harness.plugin.service().orElseThrow().status().nextReportAt())
                .contains(lastRun.plus(Duration.ofMinutes(10)));
    }

    @Test
    void unloadRemovesTheListenerAndStopsEveryTask() {
        PluginHarness harness = plugin.yaml(REPORT_EVERY_MINUTE).start();
        assertThat(harness.server.listenerCount()).isEqualTo(1);

        harness.close();

        assertThat(harness.server.listenerCount()).isZero();
        assertThat(harness.scheduler.isShutdown()).isTrue();
        assertThat(harness.plugin.service()).isEmpty();
    }

    private static void touch(Path file) throws IOException {
        // Coarse file-system clocks could leave the time unchanged within one test; force a visible change.
        Files.setLastModifiedTime(file, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(5)));
    }
}
