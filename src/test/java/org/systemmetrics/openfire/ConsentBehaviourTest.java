package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.testing.LogCapture;

/**
 * The consent table of the foundation issue, row by row: whether the service runs, and exactly what the
 * administrator reads in the log when the plugin starts.
 */
class ConsentBehaviourTest {
    private static final Duration WELL_AFTER_FIRST_REPORT = Duration.ofMinutes(6);

    @RegisterExtension
    final LogCapture logs = new LogCapture();
    @RegisterExtension
    final PluginHarnessExtension plugin = new PluginHarnessExtension();

    private List<String> startupLines() {
        return logs.lines().stream().filter(l -> !l.startsWith("DEBUG") && !l.startsWith("TRACE"))
                .collect(Collectors.toList());
    }

    private boolean reportWritten() {
        PluginHarness harness = plugin.harness();
        harness.scheduler.advance(WELL_AFTER_FIRST_REPORT);
        return harness.reportFile().toFile().exists();
    }

    @Test
    void entryWithoutReportOrNoReportRunsAndLogsOneConsentNotice() {
        PluginHarness harness = plugin.yaml("services:\n  service_mongoose_system_metrics:\n    initial_report: 300000\n").start();

        assertThat(startupLines()).hasSize(1);
        String notice = startupLines().get(0);
        assertThat(notice).startsWith("WARN ")
                .contains("gathers anonymous usage metrics")
                // This build has no project property and no destination is configured: no purpose is claimed.
                .contains("no destination is set, so nothing is sent anywhere")
                .doesNotContain("to show its developers how Openfire is used")
                .contains("\"Do not send reports\" in the admin console under Server > Server Settings > System Metrics")
                .contains("add no_report: true to " + harness.server.confDirectory().resolve("system_metrics.yml")
                        + " under services: > service_mongoose_system_metrics:")
                .contains(harness.reportFile().toAbsolutePath().toString())
                .contains("no_report: true")
                .contains("report: true")
                .contains("readme");
        assertThat(reportWritten()).isTrue();
    }

    @Test
    void entryWithReportRunsSilently() {
        plugin.yaml("services:\n  service_mongoose_system_metrics:\n    report: true\n").start();

        assertThat(startupLines()).isEmpty();
        assertThat(reportWritten()).isTrue();
        assertThat(startupLines()).isEmpty();
    }

    @Test
    void entryWithNoReportDoesNotRunAndSaysNothing() {
        plugin.yaml("services:\n  service_mongoose_system_metrics:\n    no_report: true\n").start();

        assertThat(reportWritten()).isFalse();
        assertThat(startupLines()).isEmpty();
    }

    @Test
    void reportFalseIsTheSameAsNoReport() {
        plugin.yaml("services:\n  service_mongoose_system_metrics:\n    report: false\n").start();

        assertThat(reportWritten()).isFalse();
        assertThat(startupLines()).isEmpty();
    }

    @Test
    void erlangAtomsReportAndNoReportBehaveLikeTheYamlFlags() {
        plugin.erlang("{services, [{service_mongoose_system_metrics, [no_report]}]}.").start();
        assertThat(reportWritten()).isFalse();
        assertThat(startupLines()).isEmpty();

        plugin.onAnotherServer("other").erlang("{services, [{service_mongoose_system_metrics, [report]}]}.").start();
        assertThat(startupLines()).isEmpty();
        assertThat(reportWritten()).isTrue();
    }

    @Test
    void absentEntryDoesNotRunAndExplainsHowToEnableOrSilence() {
        plugin.yaml("services:\n  some_other_service: {}\n").start();

        assertThat(reportWritten()).isFalse();
        assertThat(startupLines()).hasSize(1);
        assertThat(startupLines().get(0)).startsWith("WARN ")
                .contains("not being used")
                .contains("To enable it, choose \"Send reports\" in the admin console under Server > Server Settings > "
                        + "System Metrics, or add service_mongoose_system_metrics: under services: in ")
                .containsPattern("under services: in /\\S*conf/system_metrics\\.yml\\. ")
                .contains("To silence this message, choose \"Do not send reports\" there, or add the entry with "
                        + "no_report: true under it.");
    }

    @Test
    void absentEntryInAnErlangFileIsExplainedInThatFilesOwnSyntax() {
        plugin.erlang("{services, [{some_other_service, []}]}.").start();

        assertThat(reportWritten()).isFalse();
        assertThat(startupLines()).hasSize(1);
        // The file in use is named, not a YAML file that is not there.
        assertThat(startupLines().get(0)).startsWith("WARN ")
                .containsPattern("add \\{service_mongoose_system_metrics, \\[\\]\\} to the services list in "
                        + "/\\S*conf/system_metrics\\.config\\. ")
                .contains("or add {service_mongoose_system_metrics, [no_report]}.")
                .doesNotContain("system_metrics.yml");
    }

    @Test
    void doNotTrackSwitchesItOffWhateverTheConfigurationSays() {
        plugin.withEnvironment(Map.of("DO_NOT_TRACK", "1"))
                .yaml("services:\n  service_mongoose_system_metrics:\n    report: true\n").start();

        assertThat(reportWritten()).isFalse();
        assertThat(startupLines()).hasSize(1);
        assertThat(startupLines().get(0)).startsWith("INFO ").contains("DO_NOT_TRACK");
    }

    @Test
    void doNotTrackAlsoOverridesTheDefaultConfiguration() {
        plugin.withEnvironment(Map.of("DO_NOT_TRACK", "1")).start();

        assertThat(reportWritten()).isFalse();
        assertThat(startupLines()).singleElement().asString().startsWith("INFO ").contains("DO_NOT_TRACK");
    }

    @Test
    void withoutAnyFileTheShippedDefaultRunsWithTheConsentNotice() {
        plugin.harness().start();

        assertThat(startupLines()).singleElement().asString().startsWith("WARN ").contains("gathers anonymous usage metrics");
        assertThat(reportWritten()).isTrue();
    }

    @Test
    void withoutAnyFileTheNoticeSaysToCopyTheTemplateFromThePluginFolderIntoOpenfiresConf() throws Exception {
        PluginHarness harness = plugin.harness();
        Path template = Files.createDirectories(harness.server.pluginDirectory().resolve("conf"))
                .resolve("system_metrics.yml");
        Files.writeString(template, "services:\n  service_mongoose_system_metrics:\n    initial_report: 300000\n");
        harness.start();

        assertThat(startupLines()).singleElement().asString().startsWith("WARN ")
                .contains("copy the template shipped in the plugin folder, " + template.toAbsolutePath() + ", to "
                        + harness.server.confDirectory().resolve("system_metrics.yml").toAbsolutePath())
                .contains("set no_report: true in it under services: > service_mongoose_system_metrics:");
    }

    @Test
    void theNoticeIsLoggedAgainAtEveryStart() {
        plugin.harness().start();
        plugin.restart();

        assertThat(logs.at(Level.WARN)).hasSize(2)
                .allMatch(l -> l.contains("gathers anonymous usage metrics"));
    }

    private ConsentDecision.State state() {
        return plugin.harness().plugin.service().orElseThrow().status().state();
    }

    @Test
    void aNoReportBesideTheEntryOrAtTheTopLevelSwitchesReportingOffWithOneError() {
        plugin.yaml("services:\n  service_mongoose_system_metrics:\n    report: true\n  no_report: true\n").start();

        assertThat(reportWritten()).isFalse();
        assertThat(state()).isEqualTo(ConsentDecision.State.OFF_OPT_OUT_UNCLEAR);
        assertThat(startupLines()).singleElement().asString().startsWith("ERROR ")
                .contains(plugin.harness().server.confDirectory().resolve("system_metrics.yml") + ", line 4")
                .contains("no_report: true");

        plugin.onAnotherServer("erlang").erlang("{services, [{service_mongoose_system_metrics, [report]}]}.\n"
                + "{no_report, true}.\n").start();
        assertThat(reportWritten()).isFalse();
        assertThat(state()).isEqualTo(ConsentDecision.State.OFF_OPT_OUT_UNCLEAR);
        assertThat(logs.at(Level.ERROR)).hasSize(2).last().asString().contains("system_metrics.config, line 2")
                .contains("[no_report]");
    }

    @Test
    void aPlainEnglishOptOutInTheEntrySwitchesReportingOff() {
        plugin.yaml("services:\n  service_mongoose_system_metrics:\n    enabled: false\n").start();

        assertThat(reportWritten()).isFalse();
        assertThat(state()).isEqualTo(ConsentDecision.State.OFF_OPT_OUT_UNCLEAR);
        assertThat(startupLines()).singleElement().asString().startsWith("ERROR ").contains("'enabled'")
                .contains("plain-English opt-out");
    }

    @Test
    void aConfigurationPathThatIsThereButUnreadableSwitchesReportingOffWithAnError() throws Exception {
        Path yaml = plugin.harness().server.confDirectory().resolve("system_metrics.yml");
        Files.createSymbolicLink(yaml, plugin.harness().server.confDirectory().resolve("not-deployed-yet.yml"));
        plugin.harness().start();

        assertThat(reportWritten()).isFalse();
        assertThat(state()).isEqualTo(ConsentDecision.State.OFF_CONFIG_UNREADABLE);
        assertThat(startupLines()).singleElement().asString().startsWith("ERROR ").contains(yaml.toString())
                .contains("symbolic link").contains("which does not exist");
    }
}
